# expect: an `async with` block that ends at startup closes it
# expect-ru: блок `async with`, который заканчивается при запуске, сразу его закрывает
# The client's block ends right after startup: it is closed before the first request.
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
            async with upstreams.make_client() as client:
                upstreams.client = client
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
