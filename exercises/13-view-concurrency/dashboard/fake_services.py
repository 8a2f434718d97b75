"""Three pretend upstream services, so the project runs without a network: a tiny ASGI app.

`upstreams.make_client()` reaches it in-process through `httpx.ASGITransport`. Each service waits
DELAY seconds (with `asyncio.sleep`, like a slow API) and answers JSON. The checks replace it with
fakes of their own that count how many calls are in flight at once.
"""

import asyncio
import json

DELAY = 0.3  # seconds per call: slow APIs

ANSWERS = {
    "/weather/": {"city": "Lisbon", "temp_c": 21, "sky": "clear"},
    "/news/": {"headlines": ["Async views ship", "Event loop stays free"]},
    "/rates/": {"base": "EUR", "USD": 1.08, "GBP": 0.85},
}


async def app(scope, receive, send):
    """GET /weather/, /news/ or /rates/: that service's JSON after DELAY seconds; 404 otherwise."""
    await asyncio.sleep(DELAY)
    answer = ANSWERS.get(scope["path"])
    status, body = (200, answer) if answer is not None else (404, {"error": "no such service"})
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": json.dumps(body).encode()})
