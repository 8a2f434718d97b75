# Turn a callback API into something you can await. `api.fetch(key, on_done, on_error)` returns at once
# and calls `on_done(value)` or `on_error(exception)` later, sometimes from its own thread, and, being
# old, sometimes a second time or after you stopped waiting. Write `fetch(api, key)` with a Future:
# `await fetch(api, key)` returns the value or raises the exception; extra or late answers are ignored.
# Lesson 3: Tasks and futures (`tutor lesson 3`)

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol


class CallbackAPI(Protocol):
    """The old client's interface: it answers through one of the two callbacks, later."""

    def fetch(self, key: str, on_done: Callable[[Any], object], on_error: Callable[[BaseException], object]) -> None:
        """Start fetching `key`; return at once."""


async def fetch(api: CallbackAPI, key: str) -> Any:
    """Fetch `key` through the callback API; return the value or raise the error it reports."""
    loop = asyncio.get_running_loop()  # taken here, in the loop's thread: the callbacks may run elsewhere
    future: asyncio.Future[Any] = loop.create_future()

    # These two run on the loop's thread (call_soon_threadsafe puts them there), so they may touch
    # the Future. It can already be done: answered before, or cancelled because the caller gave up.
    def resolve(value: Any) -> None:
        if not future.done():
            future.set_result(value)

    def reject(error: BaseException) -> None:
        if not future.done():
            future.set_exception(error)

    # The API may call these from any thread: they only hand the work over to the loop's thread.
    def on_done(value: Any) -> None:
        loop.call_soon_threadsafe(resolve, value)

    def on_error(error: BaseException) -> None:
        loop.call_soon_threadsafe(reject, error)

    api.fetch(key, on_done, on_error)
    return await future


if __name__ == "__main__":

    class ThreadedAPI:
        """A toy client that answers from a thread of its own after 0.2 s."""

        def fetch(
            self, key: str, on_done: Callable[[Any], object], on_error: Callable[[BaseException], object]
        ) -> None:
            def answer() -> None:
                time.sleep(0.2)  # fine here: this is not the event loop's thread
                if key == "missing":
                    on_error(KeyError(key))
                else:
                    on_done(f"value of {key}")

            threading.Thread(target=answer).start()

    async def main() -> None:
        print(await fetch(ThreadedAPI(), "answer"))
        try:
            await fetch(ThreadedAPI(), "missing")
        except KeyError as exc:
            print("raised", repr(exc))

    asyncio.run(main())
