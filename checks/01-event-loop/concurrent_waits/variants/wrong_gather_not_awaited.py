# expect: forget `await` before `asyncio.gather(...)`
# expect-ru: забыли `await` перед `asyncio.gather(...)`
import asyncio


async def run_all(jobs):
    return asyncio.gather(*(job() for job in jobs))
