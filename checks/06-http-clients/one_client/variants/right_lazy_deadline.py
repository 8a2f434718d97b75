# Another correct answer: the client is made on first use, with asyncio.timeout as an overall deadline.
from __future__ import annotations

import asyncio
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
        self._timeout = timeout
        self._client: httpx.AsyncClient | None = None
        self._closed = False

    async def temperature(self, city: str) -> float:
        if self._closed:
            raise RuntimeError("this WeatherService is closed")
        if self._client is None:
            self._client = httpx.AsyncClient(**self._options)
        async with asyncio.timeout(self._timeout):  # one deadline for the whole call
            response = await self._client.get(f"/weather/{city}")
        response.raise_for_status()
        return float(response.json()["temp"])

    async def aclose(self) -> None:
        self._closed = True
        if self._client is not None:
            await self._client.aclose()

    async def __aenter__(self) -> WeatherService:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
