# Another correct answer: a thread-safe concurrent.futures.Future, bridged with asyncio.wrap_future.
import asyncio
import concurrent.futures
import contextlib


async def fetch(api, key):
    answer = concurrent.futures.Future()  # its set_result may be called from any thread

    def on_done(value):
        with contextlib.suppress(concurrent.futures.InvalidStateError):  # answered or cancelled already
            answer.set_result(value)

    def on_error(error):
        with contextlib.suppress(concurrent.futures.InvalidStateError):
            answer.set_exception(error)

    api.fetch(key, on_done, on_error)
    # wrap_future passes the answer to the loop with call_soon_threadsafe, and cancelling the
    # asyncio side cancels `answer` too.
    return await asyncio.wrap_future(answer)
