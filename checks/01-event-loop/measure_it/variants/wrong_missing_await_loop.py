# expect: never awaited
# expect-ru: не дождались результата через `await`
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
        job()
    sequential = time.perf_counter() - start

    start = time.perf_counter()
    await asyncio.gather(*(job() for job in jobs))
    concurrent = time.perf_counter() - start
    return Timing(sequential, concurrent)
