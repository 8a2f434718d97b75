# expect: in groups of `limit`
# expect-ru: группами по `limit`
import asyncio
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    async def fetch(path: str) -> Any:
        response = await client.get(path)
        response.raise_for_status()
        return response.json()

    bodies: list[Any] = []
    for start in range(0, len(paths), limit):  # each batch waits for its slowest request
        bodies += await asyncio.gather(*(fetch(path) for path in paths[start : start + limit]))
    return bodies
