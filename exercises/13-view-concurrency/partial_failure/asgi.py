"""The ASGI entry point: `uvicorn asgi:application` serves the project.

Django's own handler refuses the ASGI "lifespan" scope, so `application` wraps it: at startup it
opens the one upstream client (`upstreams.client`), at shutdown it closes it, and every HTTP request
goes on to Django. (Exercise 1 of lesson 13 had you write this wrapper.)
"""

import os

import upstreams
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

django_application = get_asgi_application()


async def application(scope, receive, send):
    if scope["type"] != "lifespan":
        await django_application(scope, receive, send)
        return
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            upstreams.client = upstreams.make_client()
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await upstreams.client.aclose()
            await send({"type": "lifespan.shutdown.complete"})
            return
