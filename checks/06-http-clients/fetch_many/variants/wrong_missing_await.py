# expect: did you forget `await`
# expect-ru: вы забыли `await`
import asyncio
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch(path: str) -> Any:
        async with semaphore:
            response = client.get(path)  # a coroutine, not a response
        response.raise_for_status()
        return response.json()

    return await asyncio.gather(*(fetch(path) for path in paths))
