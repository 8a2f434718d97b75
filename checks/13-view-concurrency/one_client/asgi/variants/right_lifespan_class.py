# Another correct answer: a small class wrapping any ASGI app, with the startup and shutdown work in
# methods of their own.
import os

import upstreams
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

django_application = get_asgi_application()


class OneClient:
    """Wraps an ASGI app: one upstream client from lifespan startup to shutdown."""

    def __init__(self, app):
        self.app = app

    async def startup(self):
        upstreams.client = upstreams.make_client()

    async def shutdown(self):
        if upstreams.client is not None:
            await upstreams.client.aclose()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            return await self.app(scope, receive, send)
        if scope["type"] != "lifespan":
            raise ValueError(f"unsupported scope {scope['type']!r}")
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.startup()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.shutdown()
                await send({"type": "lifespan.shutdown.complete"})
                return


application = OneClient(django_application)
