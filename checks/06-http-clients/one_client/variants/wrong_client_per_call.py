# expect: makes a new `httpx.AsyncClient` for every call
# expect-ru: создаёт новый `httpx.AsyncClient` на каждый вызов
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
        self._options = {
            "base_url": base_url,
            "timeout": timeout,
            "limits": httpx.Limits(max_connections=max_connections),
            "transport": transport,
        }
        self._closed = False

    async def temperature(self, city: str) -> float:
        if self._closed:
            raise RuntimeError("closed")
        async with httpx.AsyncClient(**self._options) as client:  # a new pool for every call
            response = await client.get(f"/weather/{city}")
        response.raise_for_status()
        return response.json()["temp"]

    async def aclose(self) -> None:
        self._closed = True

    async def __aenter__(self) -> WeatherService:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
