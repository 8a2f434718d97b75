# Another correct answer: a small timing helper, tasks for the concurrent run.
import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Timing:
    sequential: float
    concurrent: float


async def timed(work: Callable[[], Awaitable[Any]]) -> float:
    start = time.perf_counter()
    await work()
    return time.perf_counter() - start


async def compare(jobs):
    async def one_by_one() -> None:
        for job in jobs:
            await job()

    async def all_at_once() -> None:
        tasks = [asyncio.create_task(job()) for job in jobs]
        for task in tasks:
            await task

    return Timing(await timed(one_by_one), await timed(all_at_once))
