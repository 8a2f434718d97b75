# expect: in the order the responses arrived
# expect-ru: в каком приходили ответы
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

    return [await next_done for next_done in asyncio.as_completed([fetch(path) for path in paths])]
