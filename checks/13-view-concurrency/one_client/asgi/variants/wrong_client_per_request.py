# expect: objects were created while the server answered
# expect-ru: было создано объектов httpx.AsyncClient
# A client per request: a new pool, new connections, every time.
import os

import upstreams
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

django_application = get_asgi_application()


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    async with upstreams.make_client() as client:
        upstreams.client = client
        await django_application(scope, receive, send)
