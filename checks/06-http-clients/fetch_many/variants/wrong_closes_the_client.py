# expect: closed the client it was given
# expect-ru: закрыла переданный ей клиент
import asyncio
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch(path: str) -> Any:
        async with semaphore:
            response = await client.get(path)
        response.raise_for_status()
        return response.json()

    async with client:  # closes the caller's client on the way out
        return await asyncio.gather(*(fetch(path) for path in paths))
