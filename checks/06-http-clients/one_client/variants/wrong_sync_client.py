# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
from __future__ import annotations

from types import TracebackType

import httpx


class WeatherService:
    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 5.0,
        max_connections: int = 10,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._client = httpx.Client(  # a synchronous client inside async code
            base_url=base_url,
            timeout=timeout,
            limits=httpx.Limits(max_connections=max_connections),
        )

    async def temperature(self, city: str) -> float:
        response = self._client.get(f"/weather/{city}")  # blocks the whole event loop
        response.raise_for_status()
        return response.json()["temp"]

    async def aclose(self) -> None:
        self._client.close()

    async def __aenter__(self) -> WeatherService:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
