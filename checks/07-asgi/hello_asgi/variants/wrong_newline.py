# expect: exactly (no newline
# expect-ru: (без перевода строки
import asyncio

delay = 0.3


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await asyncio.sleep(delay)
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain; charset=utf-8")]}
    )
    await send({"type": "http.response.body", "body": b"Hello, ASGI!\n"})
