# expect: in the order the jobs finished
# expect-ru: в порядке завершения заданий
import asyncio


async def fetch_all_safe(jobs):
    results = []
    for next_done in asyncio.as_completed([job() for job in jobs]):
        try:
            results.append(await next_done)
        except Exception as exc:
            results.append(exc)
    return results
