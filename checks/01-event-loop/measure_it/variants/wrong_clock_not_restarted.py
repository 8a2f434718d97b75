# expect: one measurement includes the other
# expect-ru: один замер включает другой
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

    await asyncio.gather(*(job() for job in jobs))
    concurrent = time.perf_counter() - start
    return Timing(sequential, concurrent)
