# expect: blocked the server's event loop
# expect-ru: заблокировало событийный цикл сервера
import time

delay = 0.3


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    time.sleep(delay)  # blocks the server's only thread
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain; charset=utf-8")]}
    )
    await send({"type": "http.response.body", "body": b"Hello, ASGI!"})
