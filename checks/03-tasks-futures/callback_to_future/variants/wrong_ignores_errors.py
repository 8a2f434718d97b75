# expect: never finished, although the API called `on_error(
# expect-ru: так и не завершился, хотя API вызвал `on_error(
import asyncio


async def fetch(api, key):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def resolve(value):
        if not fut.done():
            fut.set_result(value)

    def on_error(error):
        print("fetch failed:", error)  # reported, but the Future is never settled

    api.fetch(key, lambda v: loop.call_soon_threadsafe(resolve, v), on_error)
    return await fut
