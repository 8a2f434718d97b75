# expect: new `aiohttp.ClientSession` per request
# expect-ru: создаёт новую `aiohttp.ClientSession` на каждый запрос
import asyncio
from typing import Any

import aiohttp


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch(path: str) -> Any:
        async with (
            semaphore,
            aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=timeout)) as session,
            session.get(path) as response,
        ):  # a new session, so a new pool and a new connection, for every request
            response.raise_for_status()
            return await response.json()

    return await asyncio.gather(*(fetch(path) for path in paths), return_exceptions=True)
