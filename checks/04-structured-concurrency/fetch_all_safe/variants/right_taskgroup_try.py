# Another correct answer: a TaskGroup whose tasks each catch their own job's exception, so nothing
# reaches the group and it never cancels the others.
import asyncio
from collections.abc import Awaitable, Callable
from typing import Any


async def fetch_all_safe(jobs: list[Callable[[], Awaitable[Any]]]) -> list[Any]:
    async def safely(job: Callable[[], Awaitable[Any]]) -> Any:
        try:
            return await job()
        except Exception as exc:
            return exc

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(safely(job)) for job in jobs]
    return [task.result() for task in tasks]
