"""A pretend pricing service, so the project runs without a network: a tiny ASGI app.

`upstreams.make_client()` reaches it in-process through `httpx.ASGITransport`. GET /prices/<id>/
answers {"id": 7, "price": 10.5} after DELAY seconds. Like many real APIs it allows only a few
requests at a time: it counts the calls in flight and reports the most it has seen in the
"peak_in_flight" field. The checks replace it with fakes of their own.
"""

import asyncio
import json

DELAY = 0.3  # seconds per call: a slow API

in_flight = 0
peak = 0


async def app(scope, receive, send):
    """GET /prices/<id>/: that item's price after DELAY seconds; 404 otherwise."""
    global in_flight, peak
    in_flight += 1
    peak = max(peak, in_flight)
    try:
        await asyncio.sleep(DELAY)
    finally:
        in_flight -= 1
    parts = scope["path"].strip("/").split("/")
    if len(parts) == 2 and parts[0] == "prices" and parts[1].isdigit():
        item = int(parts[1])
        status, body = 200, {"id": item, "price": round(item * 1.5, 2), "peak_in_flight": peak}
    else:
        status, body = 404, {"error": "no such item"}
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": json.dumps(body).encode()})
