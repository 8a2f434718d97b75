# expect: instead of the `client` it was given
# expect-ru: а не через переданный ему `client`
import asyncio
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch(path: str) -> Any:
        async with semaphore, httpx.AsyncClient() as own_client:  # a new pool for every request
            response = await own_client.get(path)
        response.raise_for_status()
        return response.json()

    return await asyncio.gather(*(fetch(path) for path in paths))
