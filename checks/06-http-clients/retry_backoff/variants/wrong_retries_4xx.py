# expect: retried it
# expect-ru: повторила запрос
import asyncio

import httpx


async def get_with_retry(
    client: httpx.AsyncClient, url: str, attempts: int = 3, base_delay: float = 0.05
) -> httpx.Response:
    for attempt in range(attempts):
        try:
            response = await client.get(url)
            return response.raise_for_status()
        except httpx.HTTPError:  # catches 4xx status errors too
            if attempt == attempts - 1:
                raise
        await asyncio.sleep(base_delay * 2**attempt)
    raise AssertionError("unreachable")
