# expect: can be set only once
# expect-ru: можно задать только один раз
import asyncio


async def fetch(api, key):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    api.fetch(
        key,
        lambda value: loop.call_soon_threadsafe(fut.set_result, value),
        lambda error: loop.call_soon_threadsafe(fut.set_exception, error),
    )
    return await fut
