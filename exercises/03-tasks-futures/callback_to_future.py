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
    raise NotImplementedError("create a Future, let the callbacks settle it, and await it")


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
