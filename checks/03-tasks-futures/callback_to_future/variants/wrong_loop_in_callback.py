# expect: No event loop runs in the API's thread
# expect-ru: В потоке API не работает ни один событийный цикл
import asyncio


async def fetch(api, key):
    fut = asyncio.get_running_loop().create_future()

    def resolve(value):
        if not fut.done():
            fut.set_result(value)

    def reject(error):
        if not fut.done():
            fut.set_exception(error)

    def on_done(value):
        asyncio.get_running_loop().call_soon_threadsafe(resolve, value)

    def on_error(error):
        asyncio.get_running_loop().call_soon_threadsafe(reject, error)

    api.fetch(key, on_done, on_error)
    return await fut
