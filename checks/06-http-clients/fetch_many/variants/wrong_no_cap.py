# expect: but `limit` was 3
# expect-ru: хотя `limit` был равен 3
import asyncio
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    async def fetch(path: str) -> Any:
        response = await client.get(path)
        response.raise_for_status()
        return response.json()

    return await asyncio.gather(*(fetch(path) for path in paths))  # every request at once
