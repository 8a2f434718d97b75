# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
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

    time.sleep(0.2)  # "let things settle" between the two runs: this freezes the event loop

    start = time.perf_counter()
    await asyncio.gather(*(job() for job in jobs))
    concurrent = time.perf_counter() - start
    return Timing(sequential, concurrent)
