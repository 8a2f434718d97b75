# Fetch many pages at once, politely. `fetch_all` GETs every path in `paths` through the `client` it
# is given (reuse it, and leave it open: the caller owns it), with at most `limit` requests in flight
# at any moment, and returns the JSON bodies in the order of `paths`. An error status (4xx or 5xx)
# must raise `httpx.HTTPStatusError`: call `response.raise_for_status()`.
# Lesson 6: Async HTTP clients (`tutor lesson 6`)

import asyncio
from typing import Any

import httpx


async def fetch_all(client: httpx.AsyncClient, paths: list[str], limit: int) -> list[Any]:
    """GET every path through `client`, at most `limit` at a time; return the JSON bodies in order."""
    # One semaphore, shared by every request: at most `limit` of them get past it at once.
    semaphore = asyncio.Semaphore(limit)

    async def fetch(path: str) -> Any:
        async with semaphore:  # wait here while `limit` requests are in flight
            response = await client.get(path)  # the client's pool reuses its connections
        response.raise_for_status()  # a 4xx or 5xx answer becomes httpx.HTTPStatusError
        return response.json()

    # gather starts every fetch at once and keeps the results in the order of `paths`.
    return await asyncio.gather(*(fetch(path) for path in paths))


if __name__ == "__main__":
    import time

    async def fake_api(request: httpx.Request) -> httpx.Response:
        # Stands in for a real API, no network involved: every answer takes 0.1 s.
        await asyncio.sleep(0.1)
        return httpx.Response(200, json={"path": request.url.path})

    async def main() -> None:
        transport = httpx.MockTransport(fake_api)
        async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as client:
            start = time.perf_counter()
            pages = await fetch_all(client, [f"/items/{i}" for i in range(10)], limit=5)
            print(pages[:2], "...", f"{time.perf_counter() - start:.2f} s")  # about 0.2 s

    asyncio.run(main())
