# expect: the requests ran one at a time
# expect-ru: Запросы выполнялись по одному
from typing import Any

import aiohttp


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    results: list[Any] = []
    async with aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        for path in paths:  # each request waits for the one before
            try:
                async with session.get(path) as response:
                    response.raise_for_status()
                    results.append(await response.json())
            except (aiohttp.ClientError, TimeoutError) as error:
                results.append(error)
    return results
