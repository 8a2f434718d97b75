# expect: a semaphore created inside each request limits nothing
# expect-ru: Семафор, созданный внутри каждого запроса, ничего не ограничивает
import asyncio
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    async def fetch(path: str) -> Any:
        async with asyncio.Semaphore(limit):  # a new semaphore each time: nobody ever waits
            response = await client.get(path)
        response.raise_for_status()
        return response.json()

    return await asyncio.gather(*(fetch(path) for path in paths))
