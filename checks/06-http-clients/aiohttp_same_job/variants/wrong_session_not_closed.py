# expect: left its `aiohttp.ClientSession` open
# expect-ru: оставила свою `aiohttp.ClientSession` открытой
import asyncio
from typing import Any

import aiohttp


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch(session: aiohttp.ClientSession, path: str) -> Any:
        async with semaphore, session.get(path) as response:
            response.raise_for_status()
            return await response.json()

    session = aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=timeout))
    return await asyncio.gather(*(fetch(session, path) for path in paths), return_exceptions=True)  # never closed
