# expect: not thread-safe
# expect-ru: не потокобезопасны
import asyncio


async def fetch(api, key):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def on_done(value):
        if not fut.done():
            fut.set_result(value)  # may run in the API's thread

    def on_error(error):
        if not fut.done():
            fut.set_exception(error)

    api.fetch(key, on_done, on_error)
    return await fut
