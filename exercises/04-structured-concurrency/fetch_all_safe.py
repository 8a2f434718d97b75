# Run every job at once, and do not let one failure spoil the rest. `fetch_all_safe` gets a list of
# zero-argument async functions ("jobs"). Return one entry per job, in the order of `jobs`: the job's
# result, or, when the job raised an exception, that exception object itself (returned, not raised).
# Lesson 4: Structured concurrency (`tutor lesson 4`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

Job = Callable[[], Awaitable[Any]]


async def fetch_all_safe(jobs: list[Job]) -> list[Any]:
    """Run every job concurrently; return results in order, each failure's exception in its place."""
    raise NotImplementedError("run every job at once; put each failure's exception in its place")


if __name__ == "__main__":

    async def prices() -> str:
        await asyncio.sleep(0.2)
        return "prices"

    async def stock() -> str:
        await asyncio.sleep(0.1)
        raise ConnectionError("the stock service is down")

    async def reviews() -> str:
        await asyncio.sleep(0.3)
        return "reviews"

    print(asyncio.run(fetch_all_safe([prices, stock, reviews])))
    # ['prices', ConnectionError('the stock service is down'), 'reviews'] after about 0.3 s
