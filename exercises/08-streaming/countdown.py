# Stream a response. GET /countdown?from=N (N defaults to 3) answers 200 text/plain and sends one
# line at a time: "N\n", ..., "1\n", then "liftoff!\n", with `await tick()` between two lines. Send
# each line as its own `http.response.body` with `more_body: True`; the last message ends the
# response. Any other path: 404. `tutor run`, then `curl -N` the countdown and watch the lines come.
# Lesson 8: Streaming and real time (`tutor lesson 8`)

import asyncio
from urllib.parse import parse_qs

interval = 0.5  # seconds between two lines


async def tick():
    """Wait between two lines (the check puts its own in its place)."""
    await asyncio.sleep(interval)


async def app(scope, receive, send):
    """Stream a countdown, one line at a time."""
    if scope["type"] != "http":
        return
    # TODO: 404 for other paths; read `from` from scope["query_string"] (bytes: parse_qs helps);
    # send the start, then each line as soon as it is ready.
    await send({"type": "http.response.start", "status": 501, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"Not written yet: see countdown.py\n"})
