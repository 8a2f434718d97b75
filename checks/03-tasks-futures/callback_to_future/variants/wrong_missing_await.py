# expect: Did you forget `await`?
# expect-ru: Может быть, вы забыли `await`?
import asyncio


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
    return fut
