# expect: read the body after its
# expect-ru: читал тело ответа уже после окончания его блока
import asyncio
from typing import Any

import aiohttp


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def fetch(session: aiohttp.ClientSession, path: str) -> Any:
        async with semaphore:
            async with session.get(path) as response:
                response.raise_for_status()
            return await response.json()  # too late: the block released the connection

    async with aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        return await asyncio.gather(*(fetch(session, path) for path in paths), return_exceptions=True)
