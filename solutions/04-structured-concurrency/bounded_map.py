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
    # One semaphore shared by every call: `async with` takes one of its `limit` slots, waiting while
    # all are taken, and gives it back when the call is done, which lets the next waiting call in.
    slots = asyncio.Semaphore(limit)

    async def call(item: Any) -> Any:
        async with slots:
            return await fn(item)

    # gather starts them all (most wait for a slot at once) and keeps the results in input order.
    return await asyncio.gather(*(call(item) for item in items))


if __name__ == "__main__":
    import time

    async def square(n: int) -> int:
        await asyncio.sleep(0.1)  # a slow upstream call
        return n * n

    start = time.perf_counter()
    print(asyncio.run(bounded_map(square, list(range(10)), limit=5)))
    print(f"{time.perf_counter() - start:.2f} s")  # about 0.2 s: two rounds of five calls
