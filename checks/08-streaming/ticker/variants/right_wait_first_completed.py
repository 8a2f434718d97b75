# Another correct answer: asyncio.wait(..., FIRST_COMPLETED) on two tasks, an async generator of events.
import asyncio

interval = 1.0
active_streams = 0


async def tick():
    await asyncio.sleep(interval)


async def ticks():
    n = 1
    while True:
        await tick()
        yield f"id: {n}\r\ndata: tick {n}\r\n\r\n".encode()  # CRLF line ends are valid SSE too
        n += 1


async def pump(send):
    async for event in ticks():
        await send({"type": "http.response.body", "body": event, "more_body": True})


async def until_disconnected(receive):
    while (await receive())["type"] != "http.disconnect":
        pass


async def app(scope, receive, send):
    global active_streams
    if scope["type"] != "http":
        return
    if scope["path"] != "/events":
        await send({"type": "http.response.start", "status": 404})
        await send({"type": "http.response.body", "body": b""})
        return
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/event-stream; charset=utf-8")],
        }
    )
    active_streams += 1
    tasks = {asyncio.create_task(pump(send)), asyncio.create_task(until_disconnected(receive))}
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        active_streams -= 1
