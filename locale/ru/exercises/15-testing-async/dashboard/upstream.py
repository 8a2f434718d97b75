"""Внешний API, к которому обращается дашборд, и единственное место, где решается, как до него добраться.

`client()` создаёт httpx-клиент, которым пользуется каждый запрос. Его `transport` — атрибут этого
модуля, поэтому тест может подменить всю сеть на `httpx.MockTransport(handler)`:

    `with mock.patch.object(upstream, "transport", httpx.MockTransport(handler)):`
        ...

По умолчанию это тоже небольшая подделка (`demo`), так что `tutor run` работает вообще без сети.
"""

import asyncio

import httpx

BASE_URL = "http://upstream.internal"


async def demo(request: httpx.Request) -> httpx.Response:
    """Замена настоящего внешнего сервиса: небольшая задержка, затем заготовленный JSON."""
    await asyncio.sleep(0.05)
    if request.url.path == "/weather":
        return httpx.Response(200, json={"city": "Lyon", "celsius": 21})
    if request.url.path == "/news":
        return httpx.Response(200, json={"headlines": ["Django 6.1 is out", "Async tests, explained"]})
    return httpx.Response(404, json={"error": "no such endpoint"})


transport = httpx.MockTransport(demo)


def client() -> httpx.AsyncClient:
    """Новый клиент на текущем транспорте (читается в момент вызова, поэтому подменённый транспорт подхватывается)."""
    return httpx.AsyncClient(base_url=BASE_URL, transport=transport, timeout=2)
