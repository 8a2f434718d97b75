# Another correct answer: `limit` workers take the next index from a shared queue until it is empty.
import asyncio
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    results: list[Any] = [None] * len(paths)
    todo: asyncio.Queue[int] = asyncio.Queue()
    for index in range(len(paths)):
        todo.put_nowait(index)

    async def worker() -> None:
        while not todo.empty():
            index = todo.get_nowait()
            response = await client.get(paths[index])
            response.raise_for_status()
            results[index] = response.json()

    await asyncio.gather(*(worker() for _ in range(min(limit, len(paths)))))
    return results
