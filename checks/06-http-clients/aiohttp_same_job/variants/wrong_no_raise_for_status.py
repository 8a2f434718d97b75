# expect: call `response.raise_for_status()`
# expect-ru: вызовите `response.raise_for_status()`
import asyncio
from typing import Any

import aiohttp


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch(session: aiohttp.ClientSession, path: str) -> Any:
        async with semaphore, session.get(path) as response:
            return await response.json()  # a 404 page is JSON too

    async with aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        return await asyncio.gather(*(fetch(session, path) for path in paths), return_exceptions=True)
