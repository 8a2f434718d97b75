# expect: like an echo
# expect-ru: как эхо
from urllib.parse import parse_qs

room = set()  # the `send` functions of the members connected right now (the check reads len(room))


async def broadcast(text):
    """Send `text` to every member of the room."""
    # Loop over a copy: a member may join or leave while we are awaiting a send.
    for member in list(room):
        try:
            await member({"type": "websocket.send", "text": text})
        except OSError:
            # That member has just gone (uvicorn raises ClientDisconnected, an OSError); its own
            # connection is removing it from the room. Keep going for everyone else.
            room.discard(member)


async def app(scope, receive, send):
    """One member's connection: join the room, pass each message on, leave at disconnect."""
    if scope["type"] != "websocket":
        return
    name = parse_qs(scope["query_string"].decode()).get("name", ["anonymous"])[0]
    await receive()  # the first message is always websocket.connect
    if scope["path"] != "/chat":
        await send({"type": "websocket.close"})  # refuse: the handshake fails with 403
        return
    await send({"type": "websocket.accept"})
    room.add(send)
    try:
        while True:
            message = await receive()
            if message["type"] == "websocket.receive" and message.get("text") is not None:
                await send({"type": "websocket.send", "text": f"{name}: {message['text']}"})
            elif message["type"] == "websocket.disconnect":
                return
    finally:
        room.discard(send)  # however we leave, this member is gone
