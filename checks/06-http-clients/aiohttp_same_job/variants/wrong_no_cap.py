# expect: but `limit` was 3
# expect-ru: хотя `limit` был равен 3
import asyncio
from typing import Any

import aiohttp


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    async def fetch(session: aiohttp.ClientSession, path: str) -> Any:
        async with session.get(path) as response:  # no cap: every request at once
            response.raise_for_status()
            return await response.json()

    async with aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        return await asyncio.gather(*(fetch(session, path) for path in paths), return_exceptions=True)
