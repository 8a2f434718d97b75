# expect: Nothing follows the last try
# expect-ru: После последней попытки ничего не будет
import asyncio

import httpx


async def get_with_retry(
    client: httpx.AsyncClient, url: str, attempts: int = 3, base_delay: float = 0.05
) -> httpx.Response:
    error: Exception | None = None
    for attempt in range(attempts):
        try:
            response = await client.get(url)
            return response.raise_for_status()
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code < 500:
                raise
            error = exc
        except httpx.TransportError as exc:
            error = exc
        await asyncio.sleep(base_delay * 2**attempt)  # also after the very last try
    assert error is not None
    raise error
