# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import time

import httpx


async def get_with_retry(
    client: httpx.AsyncClient, url: str, attempts: int = 3, base_delay: float = 0.05
) -> httpx.Response:
    for attempt in range(attempts):
        try:
            response = await client.get(url)
            return response.raise_for_status()
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code < 500 or attempt == attempts - 1:
                raise
        except httpx.TransportError:
            if attempt == attempts - 1:
                raise
        time.sleep(base_delay * 2**attempt)  # stops every other coroutine too
    raise AssertionError("unreachable")
