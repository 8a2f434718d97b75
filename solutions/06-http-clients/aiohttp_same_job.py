# The same job with aiohttp. `fetch_all` opens ONE `aiohttp.ClientSession` for `base_url` (with a
# `ClientTimeout(total=timeout)` and at most `limit` requests at once), GETs every path and returns one
# item per path, in order: the parsed JSON, or the exception that request raised. An error status must
# become an exception too (`raise_for_status()`), and one bad path must not lose the others' results.
# Read each body inside its `async with`, and close the session before returning.
# Lesson 6: Async HTTP clients (`tutor lesson 6`)

import asyncio
from typing import Any

import aiohttp


async def fetch_all(base_url: str, paths: list[str], limit: int, timeout: float) -> list[Any]:
    """GET every path with one session, at most `limit` at once; JSON or the exception, in order."""
    semaphore = asyncio.Semaphore(limit)

    async def fetch(session: aiohttp.ClientSession, path: str) -> Any:
        async with semaphore:  # at most `limit` requests in flight
            async with session.get(path) as response:
                response.raise_for_status()  # 4xx/5xx: aiohttp.ClientResponseError
                return await response.json()  # read the body while the response is open

    # One session: one connection pool, one timeout for every request. `async with` closes it.
    session_timeout = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(base_url=base_url, timeout=session_timeout) as session:
        # return_exceptions=True: a failed request gives its exception as its result, and
        # the other requests carry on.
        return await asyncio.gather(*(fetch(session, path) for path in paths), return_exceptions=True)


if __name__ == "__main__":
    from aiohttp import web
    from aiohttp.test_utils import TestServer

    async def item(request: web.Request) -> web.Response:
        # A local stand-in for a real API: no internet involved.
        number = int(request.match_info["number"])
        if number == 3:
            return web.json_response({"error": "no such item"}, status=404)
        await asyncio.sleep(0.1)
        return web.json_response({"item": number})

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/items/{number}", item)
        async with TestServer(app, host="127.0.0.1") as server:  # a free port on this machine
            base_url = str(server.make_url(""))
            paths = [f"/items/{n}" for n in range(5)]
            results = await fetch_all(base_url, paths, limit=2, timeout=2.0)
            for path, result in zip(paths, results):
                if isinstance(result, BaseException):
                    print(path, "failed:", type(result).__name__, result)
                else:
                    print(path, result)

    asyncio.run(main())
