# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
from typing import Any

import httpx


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    results: list[Any] = []
    for path in paths:
        try:
            response = httpx.get(base_url + path, timeout=timeout)  # synchronous: blocks the event loop
            response.raise_for_status()
            results.append(response.json())
        except httpx.HTTPError as error:
            results.append(error)
    await asyncio.sleep(0)
    return results
