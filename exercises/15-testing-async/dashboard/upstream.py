"""The upstream API the dashboard calls, and the one place that decides how to reach it.

`client()` builds the httpx client every request uses. Its `transport` is this module's attribute, so
a test can swap the whole network for `httpx.MockTransport(handler)`:

    with mock.patch.object(upstream, "transport", httpx.MockTransport(handler)):
        ...

By default it is a small fake too (`demo`), so `tutor run` works without any network.
"""

import asyncio

import httpx

BASE_URL = "http://upstream.internal"


async def demo(request: httpx.Request) -> httpx.Response:
    """A stand-in for the real upstream service: a little latency, then canned JSON."""
    await asyncio.sleep(0.05)
    if request.url.path == "/weather":
        return httpx.Response(200, json={"city": "Lyon", "celsius": 21})
    if request.url.path == "/news":
        return httpx.Response(200, json={"headlines": ["Django 6.1 is out", "Async tests, explained"]})
    return httpx.Response(404, json={"error": "no such endpoint"})


transport = httpx.MockTransport(demo)


def client() -> httpx.AsyncClient:
    """A new client on the current transport (read at call time, so a patched transport is used)."""
    return httpx.AsyncClient(base_url=BASE_URL, transport=transport, timeout=2)
