# Another correct answer: asyncio.TaskGroup (Python 3.11+), results read in creation order.
import asyncio
from collections.abc import Awaitable, Callable
from typing import Any


async def run_all(jobs: list[Callable[[], Awaitable[Any]]]) -> list[Any]:
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(job()) for job in jobs]
    return [task.result() for task in tasks]
