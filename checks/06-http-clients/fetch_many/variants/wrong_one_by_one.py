# expect: the requests ran one at a time
# expect-ru: Запросы выполнялись по одному
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    bodies = []
    for path in paths:
        response = await client.get(path)  # waits for each answer before asking the next
        response.raise_for_status()
        bodies.append(response.json())
    return bodies
