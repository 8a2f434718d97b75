# Один клиент, много вызовов. `WeatherService` обращается к API погоды по адресу `base_url`: создайте
# ОДИН `httpx.AsyncClient` в `__init__` (с этим базовым URL, тайм-аутом `timeout` в секундах, лимитом
# в `max_connections` соединений и переданным дальше `transport`) и используйте его для каждого
# вызова. `temperature(city)` делает GET-запрос к /weather/<city> и возвращает поле "temp" из JSON, а
# при статусе ошибки выбрасывает `httpx.HTTPStatusError`; `aclose()` закрывает клиент.
# Урок 6: Асинхронные HTTP-клиенты (`tutor lesson 6`)

from __future__ import annotations

import asyncio
from types import TracebackType

import httpx


class WeatherService:
    """Температуры из API погоды через один HTTP-клиент с пулом соединений."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 5.0,
        max_connections: int = 10,
        transport: httpx.AsyncBaseTransport | None = None,  # тесты передают поддельный
    ) -> None:
        # TODO: создайте единственный клиент, которым сервис будет пользоваться при каждом вызове.
        self.base_url = base_url

    async def temperature(self, city: str) -> float:
        """Делает GET-запрос к /weather/<city> и возвращает поле "temp"."""
        raise NotImplementedError("GET /weather/<city> через клиент сервиса; верните поле 'temp'")

    async def aclose(self) -> None:
        """Закрывает клиент и его соединения."""
        raise NotImplementedError("закройте клиент сервиса")

    async def __aenter__(self) -> WeatherService:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


if __name__ == "__main__":

    async def fake_api(request: httpx.Request) -> httpx.Response:
        # Заменяет настоящий API, никакой сети.
        await asyncio.sleep(0.05)
        city = request.url.path.removeprefix("/weather/")
        return httpx.Response(200, json={"city": city, "temp": len(city) * 2.5})

    async def main() -> None:
        async with WeatherService("http://weather.test", transport=httpx.MockTransport(fake_api)) as weather:
            for city in ("oslo", "lima", "nairobi"):
                print(city, await weather.temperature(city))

    asyncio.run(main())
