# expect: expected 'text/plain; charset=utf-8'
# expect-ru: ожидался 'text/plain; charset=utf-8'
import asyncio

delay = 0.3


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await asyncio.sleep(delay)
    await send({"type": "http.response.start", "status": 200})
    await send({"type": "http.response.body", "body": b"Hello, ASGI!"})
