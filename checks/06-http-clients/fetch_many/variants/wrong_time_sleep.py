# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch(path: str) -> Any:
        async with semaphore:
            response = await client.get(path)
            time.sleep(0.2)  # "be polite to the server": but this stops the whole event loop
        response.raise_for_status()
        return response.json()

    return await asyncio.gather(*(fetch(path) for path in paths))
