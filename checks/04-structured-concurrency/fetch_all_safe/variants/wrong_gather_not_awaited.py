# expect: forget `await`
# expect-ru: вы забыли `await`
import asyncio


async def fetch_all_safe(jobs):
    return asyncio.gather(*(job() for job in jobs), return_exceptions=True)
