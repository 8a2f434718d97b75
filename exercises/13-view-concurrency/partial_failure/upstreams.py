"""The upstream services the dashboard calls (two of them are having a bad day), and the ONE HTTP
client the project calls them with.

`asgi.py` opens the client when the server starts (`client = make_client()`) and closes it when the
server stops; views get it with `get_client()` and send relative paths: `await client.get("/news/")`.
Here the services are the fakes in fake_services.py, reached in-process (no network, no second
server); for real ones you would give `make_client` their base URL and drop the transport.
"""

import asyncio

import fake_services
import httpx

# The services the dashboard shows: its key in the page -> the path to GET.
SERVICES = {"weather": "/weather/", "news": "/news/", "rates": "/rates/", "traffic": "/traffic/"}

BASE_URL = "http://upstreams.fake"

client: httpx.AsyncClient | None = None  # the project's one client: asgi.py sets it at startup


def make_client() -> httpx.AsyncClient:
    """A new client for the upstream services (one per server: see asgi.py)."""
    return httpx.AsyncClient(base_url=BASE_URL, transport=InProcessTransport(), timeout=httpx.Timeout(5.0))


class InProcessTransport(httpx.AsyncBaseTransport):
    """Sends requests to fake_services.app in-process. Unlike plain `httpx.ASGITransport`, it honours
    the request's read timeout the way a network transport does (raising `httpx.ReadTimeout`)."""

    def __init__(self) -> None:
        self._asgi = httpx.ASGITransport(app=fake_services.app)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        read_timeout = request.extensions.get("timeout", {}).get("read")
        try:
            async with asyncio.timeout(read_timeout):
                return await self._asgi.handle_async_request(request)
        except TimeoutError:
            raise httpx.ReadTimeout("fake service: read timed out", request=request) from None


def get_client() -> httpx.AsyncClient:
    """The project's one open client, for a view to send its requests with."""
    if client is None or client.is_closed:
        raise RuntimeError(
            "The upstream client is not open. asgi.py opens it when the server starts (the ASGI "
            "lifespan startup): serve the project with uvicorn (`tutor run`). Daphne and runserver "
            "send no lifespan events."
        )
    return client
