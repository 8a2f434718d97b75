# expect: can be set only once
# expect-ru: можно задать только один раз
import asyncio


async def fetch(api, key):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    # The check happens when the callback runs, but the setting happens later, on the loop:
    # two quick answers both pass the check, and the second set_result fails.
    def on_done(value):
        if not fut.done():
            loop.call_soon_threadsafe(fut.set_result, value)

    def on_error(error):
        if not fut.done():
            loop.call_soon_threadsafe(fut.set_exception, error)

    api.fetch(key, on_done, on_error)
    return await fut
