# Another correct answer: a blocking wait moved to a worker thread does not block the loop.
import asyncio
import time

delay = 0.3


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        return
    await asyncio.to_thread(time.sleep, delay)
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"Content-Type", b"text/plain;charset=UTF-8")]}
    )
    await send({"type": "http.response.body", "body": b"Hello, ", "more_body": True})
    await send({"type": "http.response.body", "body": b"ASGI!"})
