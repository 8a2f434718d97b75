# expect: swallowed the final error
# expect-ru: проглотила последнюю ошибку
import asyncio

import httpx


async def get_with_retry(
    client: httpx.AsyncClient, url: str, attempts: int = 3, base_delay: float = 0.05
) -> httpx.Response:
    response = None
    for attempt in range(attempts):
        try:
            response = await client.get(url)
        except httpx.TransportError:
            response = None
        else:
            if response.status_code < 500:
                return response.raise_for_status()
        await asyncio.sleep(base_delay * 2**attempt)
    return response  # the last 5xx response, or None: the caller thinks it worked
