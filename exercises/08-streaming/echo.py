# A websocket echo. Accept a websocket on /echo and send every message straight back, text as
# text and bytes as bytes, until the client disconnects; then return. Refuse a websocket on any
# other path: answer its `websocket.connect` with `websocket.close` (the client gets a 403).
# Plain HTTP requests get 404. `tutor run`, then talk to it with `python -m websockets`.
# Lesson 8: Streaming and real time (`tutor lesson 8`)


async def app(scope, receive, send):
    """Echo every websocket message on /echo back to its sender."""
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"Not found: open a websocket on /echo\n"})
        return
    if scope["type"] != "websocket":
        return
    # TODO: receive `websocket.connect`, then accept (or close, for other paths); echo each
    # `websocket.receive` as a `websocket.send`; return on `websocket.disconnect`.
    raise NotImplementedError("accept the websocket, echo its messages, return when it disconnects")
