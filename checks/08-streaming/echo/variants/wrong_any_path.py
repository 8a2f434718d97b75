# expect: only /echo exists
# expect-ru: существует только /echo


async def app(scope, receive, send):
    """Echo every websocket message on /echo back to its sender."""
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"Not found: open a websocket on /echo\n"})
        return
    if scope["type"] != "websocket":
        return
    while True:
        message = await receive()
        if message["type"] == "websocket.connect":
            await send({"type": "websocket.accept"})
        elif message["type"] == "websocket.receive":
            # A message carries either "text" (str) or "bytes"; the other key is None or missing.
            if message.get("text") is not None:
                await send({"type": "websocket.send", "text": message["text"]})
            else:
                await send({"type": "websocket.send", "bytes": message["bytes"]})
        elif message["type"] == "websocket.disconnect":
            return  # the connection is gone: nothing more will come
