# Write a raw ASGI app, no framework. For every HTTP request, `app` waits `delay` seconds without
# blocking (it stands in for a database call), then answers status 200 with the body `Hello, ASGI!`
# and the header `content-type: text/plain; charset=utf-8`. Headers and body are bytes.
# `tutor run` serves it (try `--server daphne` too); the check serves it with uvicorn and Daphne.
# Lesson 7: WSGI vs ASGI (`tutor lesson 7`)

import asyncio

delay = 0.3  # seconds to wait before answering; the check changes it


async def app(scope, receive, send):
    """Answer every HTTP request with "Hello, ASGI!" after waiting `delay` seconds."""
    if scope["type"] != "http":
        return  # this app serves HTTP only (uvicorn also calls it once with a "lifespan" scope)
    # TODO: wait `delay` seconds without blocking, then send the two messages of a response:
    # `http.response.start` (status and headers), then `http.response.body` (the bytes).
    await send({"type": "http.response.start", "status": 501, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"Not written yet: see hello_asgi.py\n"})
