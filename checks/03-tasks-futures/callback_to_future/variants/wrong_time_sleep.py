# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time


async def fetch(api, key):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def resolve(value):
        if not fut.done():
            fut.set_result(value)

    def reject(error):
        if not fut.done():
            fut.set_exception(error)

    api.fetch(key, lambda v: loop.call_soon_threadsafe(resolve, v), lambda e: loop.call_soon_threadsafe(reject, e))
    time.sleep(0.3)  # "give the API time to answer": the loop cannot run its callbacks meanwhile
    return await fut
