# expect: aiohttp's default total timeout is 300 s
# expect-ru: По умолчанию общий тайм-аут aiohttp — 300 с
import asyncio
from typing import Any

import aiohttp


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch(session: aiohttp.ClientSession, path: str) -> Any:
        async with semaphore, session.get(path) as response:
            response.raise_for_status()
            return await response.json()

    async with aiohttp.ClientSession(base_url=base_url) as session:  # `timeout` is ignored
        return await asyncio.gather(*(fetch(session, path) for path in paths), return_exceptions=True)
