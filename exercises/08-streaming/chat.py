# A chat room. A websocket on /chat?name=Ada joins `room` (without a name: "anonymous"). Every
# text message a member sends goes to every member, the sender too, as "Ada: <text>". A member
# that disconnects leaves `room`, and the others chat on. Refuse other paths with `websocket.close`.
# `tutor run`, then open two or three terminals with `python -m websockets ws://.../chat?name=...`.
# Lesson 8: Streaming and real time (`tutor lesson 8`)

from urllib.parse import parse_qs

room = set()  # the `send` functions of the members connected right now (the check reads len(room))


async def broadcast(text):
    """Send `text` to every member of the room."""
    raise NotImplementedError("send a websocket.send message with `text` to every member")


async def app(scope, receive, send):
    """One member's connection: join the room, pass each message on, leave at disconnect."""
    if scope["type"] != "websocket":
        return
    # TODO: on `websocket.connect`: accept (or close, for other paths) and join the room; on
    # `websocket.receive`: broadcast "<name>: <text>"; on `websocket.disconnect`: leave and return.
    raise NotImplementedError("accept, join the room, broadcast each message, leave at disconnect")
