"""Три ненастоящих внешних сервиса, чтобы проект работал без сети: крошечное ASGI-приложение.

`upstreams.make_client()` обращается к нему внутри процесса через `httpx.ASGITransport`. Каждый сервис
ждёт DELAY секунд (через `asyncio.sleep`, как медленный API) и отвечает JSON. Проверки заменяют его
собственными подделками, которые считают, сколько вызовов выполняется одновременно.
"""

import asyncio
import json

DELAY = 0.3  # секунд на вызов: медленные API

ANSWERS = {
    "/weather/": {"city": "Lisbon", "temp_c": 21, "sky": "clear"},
    "/news/": {"headlines": ["Async views ship", "Event loop stays free"]},
    "/rates/": {"base": "EUR", "USD": 1.08, "GBP": 0.85},
}


async def app(scope, receive, send):
    """GET /weather/, /news/ или /rates/: JSON этого сервиса через DELAY секунд; иначе 404."""
    await asyncio.sleep(DELAY)
    answer = ANSWERS.get(scope["path"])
    status, body = (200, answer) if answer is not None else (404, {"error": "no such service"})
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": json.dumps(body).encode()})
