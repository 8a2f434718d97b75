# expect: call `response.raise_for_status()`
# expect-ru: вызовите `response.raise_for_status()`
import asyncio
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch(path: str) -> Any:
        async with semaphore:
            response = await client.get(path)
        return response.json()  # a 404 page parses as JSON just as well

    return await asyncio.gather(*(fetch(path) for path in paths))
