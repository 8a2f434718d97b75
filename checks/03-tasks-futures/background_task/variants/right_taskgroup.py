# Another correct answer: a TaskGroup for the prefetch, ensure_future and a named callback for spawn.
import asyncio
from typing import Any

background_tasks: set[asyncio.Task[Any]] = set()


async def with_prefetch(fetch, work):
    async with asyncio.TaskGroup() as group:
        fetching = group.create_task(fetch())
        worked = await work()
    return (worked, fetching.result())  # the group has waited for the task: result() is safe here


def _forget(task: asyncio.Task[Any]) -> None:
    background_tasks.remove(task)


def spawn(job):
    task = asyncio.ensure_future(job())
    background_tasks.add(task)
    task.add_done_callback(_forget)
    return task
