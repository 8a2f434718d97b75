# Another correct answer: the lines come from an async generator; the app only forwards them.
import asyncio
from urllib.parse import parse_qs

interval = 0.5


async def tick():
    await asyncio.sleep(interval)


async def countdown(start):
    for number in range(start, 0, -1):
        yield f"{number}\n"
        await tick()
    yield "liftoff!\n"


async def stream_text(send, chunks):
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain; charset=utf-8")]}
    )
    async for chunk in chunks:
        await send({"type": "http.response.body", "body": chunk.encode(), "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})  # an empty last message ends it


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    if scope["path"] == "/countdown":
        values = parse_qs(scope["query_string"].decode()).get("from")
        await stream_text(send, countdown(int(values[0]) if values else 3))
    else:
        await send({"type": "http.response.start", "status": 404})
        await send({"type": "http.response.body"})
