# expect: catch `httpx.TransportError`
# expect-ru: перехватывайте `httpx.TransportError`
import asyncio

import httpx


async def get_with_retry(
    client: httpx.AsyncClient, url: str, attempts: int = 3, base_delay: float = 0.05
) -> httpx.Response:
    for attempt in range(attempts):
        response = await client.get(url)  # a ConnectError escapes on the first try
        if response.status_code < 500 or attempt == attempts - 1:
            return response.raise_for_status()
        await asyncio.sleep(base_delay * 2**attempt)
    raise AssertionError("unreachable")
