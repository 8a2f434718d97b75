# Another correct answer: a while loop, a manual 5xx test, and a little random jitter on top of each wait.
import asyncio
import random

import httpx


async def get_with_retry(
    client: httpx.AsyncClient, url: str, attempts: int = 3, base_delay: float = 0.05
) -> httpx.Response:
    attempt = 0
    while True:
        attempt += 1
        try:
            response = await client.get(url)
        except httpx.TransportError:
            if attempt >= attempts:
                raise
        else:
            if not response.is_server_error:
                return response.raise_for_status()  # 2xx comes back; 4xx raises at once
            if attempt >= attempts:
                response.raise_for_status()
        delay = base_delay * 2 ** (attempt - 1)
        await asyncio.sleep(delay + random.uniform(0, delay / 10))  # jitter spreads out many clients
