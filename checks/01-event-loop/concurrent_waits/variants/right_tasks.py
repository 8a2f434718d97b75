# Another correct answer: start a task per job, then await each task in order.
import asyncio
from collections.abc import Awaitable, Callable
from typing import Any


async def run_all(jobs: list[Callable[[], Awaitable[Any]]]) -> list[Any]:
    tasks = [asyncio.ensure_future(job()) for job in jobs]
    results = []
    for task in tasks:
        results.append(await task)
    return results
