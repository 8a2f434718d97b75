# expect: raised TimeoutError
# expect-ru: выброшено исключение `TimeoutError`
import asyncio


async def with_deadline(job, seconds):
    return await asyncio.wait_for(job(), seconds)
