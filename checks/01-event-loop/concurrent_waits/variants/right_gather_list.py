# Another correct answer: build the coroutine objects first, then gather them (gather starts them all).
import asyncio


async def run_all(jobs):
    coroutines = []
    for job in jobs:
        coroutines.append(job())
    results = await asyncio.gather(*coroutines)
    return list(results)
