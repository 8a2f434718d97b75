# Another correct answer: a helper decides what is retryable; the last error is kept and re-raised.
import asyncio

import httpx


def _retryable(error: Exception) -> bool:
    if isinstance(error, httpx.HTTPStatusError):
        return error.response.status_code >= 500
    return isinstance(error, httpx.TransportError)


async def get_with_retry(
    client: httpx.AsyncClient, url: str, attempts: int = 3, base_delay: float = 0.05
) -> httpx.Response:
    delays = [base_delay * 2**n for n in range(attempts - 1)]
    for delay in [*delays, None]:
        try:
            response = await client.get(url)
            response.raise_for_status()
            return response
        except httpx.HTTPError as error:
            if not _retryable(error) or delay is None:
                raise
        await asyncio.sleep(delay)
    raise AssertionError("unreachable")
