# expect: In the one-after-another run, 3 jobs ran at the same time
# expect-ru: В прогоне по одному одновременно выполнялись 3 задания
import asyncio
import time
from dataclasses import dataclass


@dataclass
class Timing:
    sequential: float
    concurrent: float


async def compare(jobs):
    start = time.perf_counter()
    await asyncio.gather(*(job() for job in jobs))
    sequential = time.perf_counter() - start

    start = time.perf_counter()
    await asyncio.gather(*(job() for job in jobs))
    concurrent = time.perf_counter() - start
    return Timing(sequential, concurrent)
