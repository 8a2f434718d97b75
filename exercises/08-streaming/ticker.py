# Server-Sent Events. GET /events answers 200 with `content-type: text/event-stream` and sends an
# event after every `await tick()`, for ever: "id: 1\ndata: tick 1\n\n", then id 2, 3... (an event
# ends with a blank line). Stop as soon as the client leaves (`http.disconnect`), and keep
# `active_streams` right: +1 when a stream starts, -1 when it ends, however it ends.
# Other paths: 404. `tutor run`, then `curl -N` the events and press Ctrl-C to leave.
# Lesson 8: Streaming and real time (`tutor lesson 8`)

import asyncio

interval = 1.0  # seconds between two events
active_streams = 0  # how many /events streams are open right now


async def tick():
    """Wait until the next event is due (the check puts its own in its place)."""
    await asyncio.sleep(interval)


async def app(scope, receive, send):
    """Stream an event per tick until the client disconnects."""
    if scope["type"] != "http":
        return
    # TODO: 404 for other paths. For /events: count the stream, send the start, then one event
    # per tick, and stop when `receive()` gives you {"type": "http.disconnect"}.
    await send({"type": "http.response.start", "status": 501, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"Not written yet: see ticker.py\n"})
