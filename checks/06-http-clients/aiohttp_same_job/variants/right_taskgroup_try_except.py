# Another correct answer: a TaskGroup, raise_for_status=True on the session, errors caught per path.
import asyncio
from typing import Any

import aiohttp


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)
    results: list[Any] = [None] * len(paths)

    async def fetch(session: aiohttp.ClientSession, index: int) -> None:
        try:
            async with semaphore, session.get(paths[index]) as response:
                results[index] = await response.json()
        except (aiohttp.ClientError, TimeoutError) as error:  # this path failed; the others go on
            results[index] = error

    session = aiohttp.ClientSession(
        base_url=base_url, timeout=aiohttp.ClientTimeout(total=timeout), raise_for_status=True
    )
    try:
        async with asyncio.TaskGroup() as group:
            for index in range(len(paths)):
                group.create_task(fetch(session, index))
    finally:
        await session.close()
    return results
