# PLANTED BUG (asgi.py wraps Django and holds the body): the check runs the learner's tests against this copy.
"""The ASGI entry point: `tutor run` serves `asgi:application` with uvicorn.

This version wraps Django to log the size of every response. To count the bytes it holds every
message until Django is done, so nothing streams: the ticker's lines all arrive at the end.
"""

import logging
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

django_application = get_asgi_application()
logger = logging.getLogger("sizes")


async def application(scope, receive, send):
    if scope["type"] != "http":
        return await django_application(scope, receive, send)
    held = []

    async def hold(message):
        held.append(message)

    await django_application(scope, receive, hold)
    size = sum(len(message.get("body", b"")) for message in held if message["type"] == "http.response.body")
    logger.info("%s %s: %d bytes", scope["method"], scope["path"], size)
    for message in held:
        await send(message)
