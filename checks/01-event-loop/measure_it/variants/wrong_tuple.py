# expect: it should return a `Timing`
# expect-ru: должна вернуть `Timing`
import asyncio
import time
from dataclasses import dataclass


@dataclass
class Timing:
    sequential: float
    concurrent: float


async def compare(jobs):
    start = time.perf_counter()
    for job in jobs:
        await job()
    sequential = time.perf_counter() - start

    start = time.perf_counter()
    await asyncio.gather(*(job() for job in jobs))
    return sequential, time.perf_counter() - start
