# expect: Return exactly one entry per job
import asyncio


async def fetch_all_safe(jobs):
    results = await asyncio.gather(*(job() for job in jobs), return_exceptions=True)
    return [result for result in results if not isinstance(result, Exception)]
