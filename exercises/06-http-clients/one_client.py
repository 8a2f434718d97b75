# One client, many calls. `WeatherService` talks to a weather API at `base_url`: create ONE
# `httpx.AsyncClient` in `__init__` (with that base URL, the `timeout` in seconds, at most
# `max_connections` connections, and `transport` passed on) and reuse it for every call.
# `temperature(city)` GETs /weather/<city> and returns the "temp" field of the JSON, raising
# `httpx.HTTPStatusError` on an error status; `aclose()` closes the client.
# Lesson 6: Async HTTP clients (`tutor lesson 6`)

from __future__ import annotations

import asyncio
from types import TracebackType

import httpx


class WeatherService:
    """Temperatures from a weather API, over one pooled HTTP client."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 5.0,
        max_connections: int = 10,
        transport: httpx.AsyncBaseTransport | None = None,  # tests pass a fake one
    ) -> None:
        # TODO: create the one client this service will use for every call.
        self.base_url = base_url

    async def temperature(self, city: str) -> float:
        """GET /weather/<city> and return its "temp" field."""
        raise NotImplementedError("GET /weather/<city> through the service's client; return the 'temp' field")

    async def aclose(self) -> None:
        """Close the client and its connections."""
        raise NotImplementedError("close the service's client")

    async def __aenter__(self) -> WeatherService:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


if __name__ == "__main__":

    async def fake_api(request: httpx.Request) -> httpx.Response:
        # Stands in for the real API, no network involved.
        await asyncio.sleep(0.05)
        city = request.url.path.removeprefix("/weather/")
        return httpx.Response(200, json={"city": city, "temp": len(city) * 2.5})

    async def main() -> None:
        async with WeatherService("http://weather.test", transport=httpx.MockTransport(fake_api)) as weather:
            for city in ("oslo", "lima", "nairobi"):
                print(city, await weather.temperature(city))

    asyncio.run(main())
