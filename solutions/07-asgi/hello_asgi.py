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
    # The wait suspends only this request: the server's event loop serves the others meanwhile.
    await asyncio.sleep(delay)
    # A response is always two kinds of message, in this order: the start (status, headers)...
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    # ...then the body. Without `more_body`, this message is also the end of the response.
    await send({"type": "http.response.body", "body": b"Hello, ASGI!"})
