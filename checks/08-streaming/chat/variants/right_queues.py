# Another correct answer: each member has an outbox queue and a writer task; the room is a dict.
import asyncio
from urllib.parse import parse_qs

room = {}  # send -> asyncio.Queue of texts waiting to go out


async def broadcast(text):
    for outbox in room.values():
        outbox.put_nowait(text)  # never waits: one slow member cannot hold up the others


async def writer(send, outbox):
    while True:
        text = await outbox.get()
        await send({"type": "websocket.send", "text": text})


async def app(scope, receive, send):
    if scope["type"] != "websocket":
        return
    query = parse_qs(scope["query_string"].decode())
    name = query["name"][0] if "name" in query else "anonymous"
    connect = await receive()
    assert connect["type"] == "websocket.connect"
    if scope["path"] != "/chat":
        await send({"type": "websocket.close", "code": 1008})
        return
    await send({"type": "websocket.accept"})
    outbox = asyncio.Queue()
    room[send] = outbox
    task = asyncio.create_task(writer(send, outbox))
    try:
        while (message := await receive())["type"] != "websocket.disconnect":
            if message.get("text"):
                await broadcast(f"{name}: {message['text']}")
    finally:
        del room[send]
        task.cancel()
