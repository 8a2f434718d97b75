# expect: took the whole call down
# expect-ru: обрушило весь вызов
import asyncio


async def fetch_all_safe(jobs):
    return await asyncio.gather(*(job() for job in jobs))
