# Call an async function on many items, but never more than `limit` calls at a time (think of an API
# that allows `limit` connections). `bounded_map` returns the results of `fn(item)` for every item,
# in the order of `items`. Keep exactly `limit` calls going while items remain: start the next one as
# soon as a call finishes, not batch by batch.
# Lesson 4: Structured concurrency (`tutor lesson 4`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any


async def bounded_map(fn: Callable[[Any], Awaitable[Any]], items: list[Any], limit: int) -> list[Any]:
    """Return `[await fn(item) for item in items]`, with at most `limit` calls running at once."""
    raise NotImplementedError("run the calls concurrently, never more than `limit` at once; keep the order")


if __name__ == "__main__":
    import time

    async def square(n: int) -> int:
        await asyncio.sleep(0.1)  # a slow upstream call
        return n * n

    start = time.perf_counter()
    print(asyncio.run(bounded_map(square, list(range(10)), limit=5)))
    print(f"{time.perf_counter() - start:.2f} s")  # about 0.2 s: two rounds of five calls
