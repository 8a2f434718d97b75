# Another correct answer: a TaskGroup (Python 3.11+) and a semaphore; results read in path order.
import asyncio
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch(path: str) -> Any:
        async with semaphore:
            response = await client.get(path)
            return response.raise_for_status().json()

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch(path)) for path in paths]
    return [task.result() for task in tasks]
