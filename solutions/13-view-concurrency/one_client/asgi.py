# Open ONE httpx.AsyncClient for the life of the server: wrap Django's application in an ASGI app
# that answers the "lifespan" scope itself. At startup set `upstreams.client = upstreams.make_client()`
# and acknowledge; at shutdown `await upstreams.client.aclose()`, then acknowledge. Pass every other
# scope on to Django. (Django's own handler refuses lifespan.)
# Lesson 13: Concurrency inside a view (`tutor lesson 13`)

import os

import upstreams
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

django_application = get_asgi_application()


async def application(scope, receive, send):
    if scope["type"] != "lifespan":
        await django_application(scope, receive, send)  # http: Django as usual
        return
    # One call for the whole life of the server: it sends startup, later shutdown.
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            upstreams.client = upstreams.make_client()  # inside the server's event loop
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await upstreams.client.aclose()  # close first: the server may exit once we answer
            await send({"type": "lifespan.shutdown.complete"})
            return
