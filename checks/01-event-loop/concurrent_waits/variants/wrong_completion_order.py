# expect: in the order the jobs finished
# expect-ru: в каком завершились задания
import asyncio


async def run_all(jobs):
    results = []
    for finished in asyncio.as_completed([job() for job in jobs]):
        results.append(await finished)
    return results
