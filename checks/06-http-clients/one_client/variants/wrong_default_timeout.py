# expect: httpx's default is 5 s
# expect-ru: по умолчанию httpx ждёт 5 с
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
        self._client = httpx.AsyncClient(
            base_url=base_url,  # the timeout parameter is ignored: httpx's default applies
            limits=httpx.Limits(max_connections=max_connections),
            transport=transport,
        )

    async def temperature(self, city: str) -> float:
        response = await self._client.get(f"/weather/{city}")
        response.raise_for_status()
        return response.json()["temp"]

    async def aclose(self) -> None:
        await self._client.aclose()

    async def __aenter__(self) -> WeatherService:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
