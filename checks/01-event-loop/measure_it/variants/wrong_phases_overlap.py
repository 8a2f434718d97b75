# expect: Your two runs overlapped
# expect-ru: Ваши два прогона наложились
import asyncio
import time
from dataclasses import dataclass


@dataclass
class Timing:
    sequential: float
    concurrent: float


async def compare(jobs):
    async def one_by_one() -> float:
        start = time.perf_counter()
        for job in jobs:
            await job()
        return time.perf_counter() - start

    async def all_at_once() -> float:
        start = time.perf_counter()
        await asyncio.gather(*(job() for job in jobs))
        return time.perf_counter() - start

    # Measuring both at the same time, to save time...
    sequential, concurrent = await asyncio.gather(one_by_one(), all_at_once())
    return Timing(sequential, concurrent)
