# Retry what is worth retrying. `get_with_retry` GETs `url` through `client`. On a 5xx status or an
# `httpx.TransportError` (connection failures, timeouts) it tries again, `attempts` tries in all,
# waiting `base_delay` s before the 2nd try, twice that before the 3rd, 4x before the 4th...
# A 4xx is the caller's mistake: raise it at once. Return the response when a try succeeds; when the
# last try fails, raise its error (`raise_for_status()` turns a 5xx into `httpx.HTTPStatusError`).
# Lesson 6: Async HTTP clients (`tutor lesson 6`)

import asyncio

import httpx


async def get_with_retry(
    client: httpx.AsyncClient, url: str, attempts: int = 3, base_delay: float = 0.05
) -> httpx.Response:
    """GET `url`, retrying 5xx answers and transport errors with exponential backoff."""
    raise NotImplementedError("try up to `attempts` times, waiting base_delay, 2x, 4x... between tries")


if __name__ == "__main__":
    answers = iter([503, 502, 200])  # the fake API fails twice, then recovers

    async def flaky_api(request: httpx.Request) -> httpx.Response:
        status = next(answers)
        print(f"  the API answers {status}")
        return httpx.Response(status, json={"ok": status == 200})

    async def main() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(flaky_api)) as client:
            response = await get_with_retry(client, "http://api.test/report", base_delay=0.2)
            print(response.status_code, response.json())

    asyncio.run(main())
