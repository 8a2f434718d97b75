# Another correct answer: the connector enforces the limit; no semaphore needed.
import asyncio
from typing import Any

import aiohttp


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    async def fetch(session: aiohttp.ClientSession, path: str) -> Any:
        async with session.get(path) as response:
            response.raise_for_status()
            return await response.json()

    # TCPConnector(limit=...) caps the open connections, so at most `limit` requests run at once.
    # Note: time spent waiting for a free connection counts against ClientTimeout(total=...).
    connector = aiohttp.TCPConnector(limit=limit)
    async with aiohttp.ClientSession(
        base_url=base_url, connector=connector, timeout=aiohttp.ClientTimeout(total=timeout)
    ) as session:
        return await asyncio.gather(*(fetch(session, path) for path in paths), return_exceptions=True)
