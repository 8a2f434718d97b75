"""Ненастоящий сервис цен, чтобы проект работал без сети: крошечное ASGI-приложение.

`upstreams.make_client()` обращается к нему внутри процесса через `httpx.ASGITransport`. GET /prices/<id>/
отвечает {"id": 7, "price": 10.5} через DELAY секунд. Как и многие настоящие API, он допускает лишь
несколько запросов одновременно: считает выполняющиеся вызовы и сообщает наибольшее увиденное число в
поле "peak_in_flight". Проверки заменяют его собственными подделками.
"""

import asyncio
import json

DELAY = 0.3  # секунд на вызов: медленный API

in_flight = 0
peak = 0


async def app(scope, receive, send):
    """GET /prices/<id>/: цена этого товара через DELAY секунд; иначе 404."""
    global in_flight, peak
    in_flight += 1
    peak = max(peak, in_flight)
    try:
        await asyncio.sleep(DELAY)
    finally:
        in_flight -= 1
    parts = scope["path"].strip("/").split("/")
    if len(parts) == 2 and parts[0] == "prices" and parts[1].isdigit():
        item = int(parts[1])
        status, body = 200, {"id": item, "price": round(item * 1.5, 2), "peak_in_flight": peak}
    else:
        status, body = 404, {"error": "no such item"}
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": json.dumps(body).encode()})
