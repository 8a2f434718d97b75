# Another correct answer: one `settle` function on the loop's thread, asking forgiveness instead of permission.
import asyncio
import functools


def _settle(future, value=None, error=None):
    try:
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)
    except asyncio.InvalidStateError:
        pass  # answered before, or the caller gave up: the first outcome stands


async def fetch(api, key):
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    api.fetch(
        key,
        lambda value: loop.call_soon_threadsafe(functools.partial(_settle, future, value=value)),
        lambda error: loop.call_soon_threadsafe(functools.partial(_settle, future, error=error)),
    )
    result = await future
    return result
