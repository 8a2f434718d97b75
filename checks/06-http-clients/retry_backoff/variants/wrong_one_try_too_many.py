# expect: exactly 4 tries
# expect-ru: ровно 4 попытки
import asyncio

import httpx


async def get_with_retry(
    client: httpx.AsyncClient, url: str, attempts: int = 3, base_delay: float = 0.05
) -> httpx.Response:
    for attempt in range(attempts + 1):  # "attempts retries": one try too many
        try:
            response = await client.get(url)
            return response.raise_for_status()
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code < 500 or attempt == attempts:
                raise
        except httpx.TransportError:
            if attempt == attempts:
                raise
        await asyncio.sleep(base_delay * 2**attempt)
    raise AssertionError("unreachable")
