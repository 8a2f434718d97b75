# expect: not once at module level
# expect-ru: а не один раз на уровне модуля
from __future__ import annotations

from types import TracebackType

import httpx

# One client for the whole program: but every asyncio.run() brings a new event loop.
CLIENT = httpx.AsyncClient(timeout=5.0)


class WeatherService:
    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 5.0,
        max_connections: int = 10,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._client = CLIENT
        self._base_url = base_url

    async def temperature(self, city: str) -> float:
        response = await self._client.get(f"{self._base_url}/weather/{city}")
        response.raise_for_status()
        return response.json()["temp"]

    async def aclose(self) -> None:
        pass  # the client is shared by every service: never closed

    async def __aenter__(self) -> WeatherService:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
