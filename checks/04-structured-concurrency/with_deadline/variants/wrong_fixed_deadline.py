# expect: not a fixed number
# expect-ru: а не фиксированное число
import asyncio


async def with_deadline(job, seconds):
    try:
        async with asyncio.timeout(1):
            return await job()
    except TimeoutError:
        return None
