# Another correct answer: the client's own `async with` block spans the whole lifespan call, from the
# startup event to the shutdown event, so leaving it closes the client.
import os

import upstreams
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

django_application = get_asgi_application()


async def application(scope, receive, send):
    if scope["type"] != "lifespan":
        await django_application(scope, receive, send)
        return
    message = await receive()
    assert message["type"] == "lifespan.startup"
    async with upstreams.make_client() as client:
        upstreams.client = client
        await send({"type": "lifespan.startup.complete"})
        message = await receive()  # waits here while the server runs
    await send({"type": "lifespan.shutdown.complete"})
