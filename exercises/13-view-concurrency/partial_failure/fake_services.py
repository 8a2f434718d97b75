"""Four pretend upstream services, so the project runs without a network: a tiny ASGI app.

`upstreams.make_client()` reaches it in-process through `httpx.ASGITransport`. Two services work
(after DELAY seconds, like a slow API); two are having a bad day: /news/ answers 503 Service
Unavailable, and /traffic/ never answers at all. The checks replace it with fakes of their own
(one of which refuses the connection, like a service that is down).
"""

import asyncio
import json

DELAY = 0.3  # seconds per call: slow APIs

ANSWERS = {
    "/weather/": {"city": "Lisbon", "temp_c": 21, "sky": "clear"},
    "/rates/": {"base": "EUR", "USD": 1.08, "GBP": 0.85},
}


async def app(scope, receive, send):
    """GET /weather/ or /rates/: JSON after DELAY s; /news/: 503; /traffic/: hangs for an hour."""
    if scope["path"] == "/traffic/":
        await asyncio.sleep(3600)  # a service that accepted the connection and went quiet
    await asyncio.sleep(DELAY)
    answer = ANSWERS.get(scope["path"])
    if scope["path"] == "/news/":
        status, answer = 503, {"detail": "news service overloaded"}
    else:
        status, answer = (200, answer) if answer is not None else (404, {"error": "no such service"})
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": json.dumps(answer).encode()})
