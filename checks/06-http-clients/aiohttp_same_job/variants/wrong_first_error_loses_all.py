# expect: One bad path must not lose the others
# expect-ru: Один плохой путь не должен губить остальные
import asyncio
from typing import Any

import aiohttp


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch(session: aiohttp.ClientSession, path: str) -> Any:
        async with semaphore, session.get(path) as response:
            response.raise_for_status()
            return await response.json()

    async with aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        return await asyncio.gather(*(fetch(session, path) for path in paths))  # the first error wins
