"""Внешние сервисы, к которым обращается дашборд, и ЕДИНСТВЕННЫЙ HTTP-клиент, через который проект к ним обращается.

`asgi.py` открывает клиента при запуске сервера (`client = make_client()`) и закрывает при его
остановке; представления получают клиента через `get_client()` и передают относительные пути:
`await client.get("/news/")`. Здесь сервисы — подделки из fake_services.py, доступные внутри процесса
(без сети и без второго сервера); для настоящих вы передали бы `make_client` их базовый URL и убрали
бы транспорт.
"""

import asyncio

import fake_services
import httpx

# Сервисы, которые показывает дашборд: ключ на странице -> путь для GET.
SERVICES = {"weather": "/weather/", "news": "/news/", "rates": "/rates/"}

BASE_URL = "http://upstreams.fake"

client: httpx.AsyncClient | None = None  # единственный клиент проекта: asgi.py задаёт его при запуске


def make_client() -> httpx.AsyncClient:
    """Новый клиент для внешних сервисов (один на сервер: см. asgi.py)."""
    return httpx.AsyncClient(base_url=BASE_URL, transport=InProcessTransport(), timeout=httpx.Timeout(5.0))


class InProcessTransport(httpx.AsyncBaseTransport):
    """Отправляет запросы в fake_services.app внутри процесса. В отличие от обычного `httpx.ASGITransport`,
    соблюдает тайм-аут чтения запроса так же, как сетевой транспорт (выбрасывая `httpx.ReadTimeout`)."""

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
    """Единственный открытый клиент проекта, через который представление отправляет запросы."""
    if client is None or client.is_closed:
        raise RuntimeError(
            "The upstream client is not open. asgi.py opens it when the server starts (the ASGI "
            "lifespan startup): serve the project with uvicorn (`tutor run`). Daphne and runserver "
            "send no lifespan events."
        )
    return client
