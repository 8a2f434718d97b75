# expect: Return exactly one entry per job
# expect-ru: Верните ровно один элемент на каждое задание
import asyncio


async def fetch_all_safe(jobs):
    results = await asyncio.gather(*(job() for job in jobs), return_exceptions=True)
    return [result for result in results if not isinstance(result, Exception)]
