# expect: makes the error an ordinary result
# expect-ru: превращает ошибку в обычный результат
import asyncio


async def fetch(api, key):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def settle(outcome):
        if not fut.done():
            fut.set_result(outcome)  # a value or an exception: both become "the result"

    api.fetch(key, lambda v: loop.call_soon_threadsafe(settle, v), lambda e: loop.call_soon_threadsafe(settle, e))
    return await fut
