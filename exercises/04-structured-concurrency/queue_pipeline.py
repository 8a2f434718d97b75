# Build a producer/consumer pipeline. `run_pipeline` starts N worker tasks (N = `workers`), then feeds
# the `items` into an `asyncio.Queue(maxsize=workers)`; each worker takes items from the queue and
# awaits `handle(item)`. Every item is handled exactly once, N at a time. When all are handled, stop
# the workers and return: no task may be left running, and nothing may wait forever.
# Lesson 4: Structured concurrency (`tutor lesson 4`)

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any


async def run_pipeline(items: Iterable[Any], handle: Callable[[Any], Awaitable[None]], workers: int) -> None:
    """Feed `items` through a bounded queue to `workers` tasks that await `handle(item)` for each."""
    raise NotImplementedError("start the workers, feed the queue, wait until it is drained, stop the workers")


if __name__ == "__main__":
    import time

    async def save(order: int) -> None:
        await asyncio.sleep(0.1)  # a slow write
        print(f"  saved order {order}")

    start = time.perf_counter()
    asyncio.run(run_pipeline(range(6), save, workers=3))
    print(f"done in {time.perf_counter() - start:.2f} s")  # about 0.2 s: two rounds of three
