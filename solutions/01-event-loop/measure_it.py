# Measure what concurrency buys. `compare` runs the jobs one after another and times it, then runs them
# all at once and times that, using `time.perf_counter()`, and returns both durations in a `Timing`.
# Keep the `Timing` class as it is. Run `python measure_it.py` to see the numbers.
# Lesson 1: The event loop (`tutor lesson 1`)

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

Job = Callable[[], Awaitable[Any]]


@dataclass
class Timing:
    """How long the same jobs took, in seconds."""

    sequential: float  # one after another
    concurrent: float  # all at once


async def compare(jobs: list[Job]) -> Timing:
    """Time `jobs` run one after another, then all at once."""
    start = time.perf_counter()
    for job in jobs:
        await job()  # each job finishes before the next one starts
    sequential = time.perf_counter() - start

    start = time.perf_counter()
    await asyncio.gather(*(job() for job in jobs))  # all of them wait at the same time
    concurrent = time.perf_counter() - start

    return Timing(sequential=sequential, concurrent=concurrent)


if __name__ == "__main__":
    naps: list[Job] = [functools.partial(asyncio.sleep, seconds) for seconds in (0.2, 0.5, 0.3)]
    timing = asyncio.run(compare(naps))
    print(f"one after another: {timing.sequential:.2f} s")
    print(f"all at once:       {timing.concurrent:.2f} s")
    print(f"speed-up:          {timing.sequential / timing.concurrent:.1f}x")
