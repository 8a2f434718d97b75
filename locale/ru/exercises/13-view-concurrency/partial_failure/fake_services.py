"""Четыре ненастоящих внешних сервиса, чтобы проект работал без сети: крошечное ASGI-приложение.

`upstreams.make_client()` обращается к нему внутри процесса через `httpx.ASGITransport`. Два сервиса
работают (через DELAY секунд, как медленный API); у двух неудачный день: /news/ отвечает 503 Service
Unavailable, а /traffic/ не отвечает вовсе. Проверки заменяют его собственными подделками (одна из
которых отклоняет соединение, как упавший сервис).
"""

import asyncio
import json

DELAY = 0.3  # секунд на вызов: медленные API

ANSWERS = {
    "/weather/": {"city": "Lisbon", "temp_c": 21, "sky": "clear"},
    "/rates/": {"base": "EUR", "USD": 1.08, "GBP": 0.85},
}


async def app(scope, receive, send):
    """GET /weather/ или /rates/: JSON через DELAY с; /news/: 503; /traffic/: висит час."""
    if scope["path"] == "/traffic/":
        await asyncio.sleep(3600)  # сервис, который принял соединение и замолчал
    await asyncio.sleep(DELAY)
    answer = ANSWERS.get(scope["path"])
    if scope["path"] == "/news/":
        status, answer = 503, {"detail": "news service overloaded"}
    else:
        status, answer = (200, answer) if answer is not None else (404, {"error": "no such service"})
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": json.dumps(answer).encode()})
