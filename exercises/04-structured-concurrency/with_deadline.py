# Give a job a deadline. `with_deadline` awaits `job()` and returns its result, but if the job takes
# longer than `seconds`, stop it (cancel it, so its cleanup runs before you return) and return None.
# Only a timeout gives None: when the job itself raises an exception, let that exception through.
# Lesson 4: Structured concurrency (`tutor lesson 4`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

Job = Callable[[], Awaitable[Any]]


async def with_deadline(job: Job, seconds: float) -> Any:
    """Return `await job()`, or None if it takes longer than `seconds` (the job is then cancelled)."""
    raise NotImplementedError("await the job with a deadline; on timeout, cancel it and return None")


if __name__ == "__main__":

    async def quick() -> str:
        await asyncio.sleep(0.1)
        return "quick answer"

    async def stuck() -> str:
        try:
            await asyncio.sleep(10)
            return "far too late"
        finally:
            print("  stuck() was stopped and cleaned up")

    print(asyncio.run(with_deadline(quick, 1)))  # quick answer
    print(asyncio.run(with_deadline(stuck, 0.5)))  # the cleanup line, then None, after 0.5 s
