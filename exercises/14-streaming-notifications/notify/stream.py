"""GET /events/: the Server-Sent Events stream of exercise 2, done for you (read it; no need to edit).

Every event published on the broker goes to every connected client as `id:` + `data:` + a blank line.
"""

import asyncio
import json

import broker
from django.http import StreamingHttpResponse

KEEPALIVE = 15.0


async def event_stream():
    queue = broker.subscribe()
    try:
        while True:
            try:
                async with asyncio.timeout(KEEPALIVE):
                    event = await queue.get()
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            yield f"id: {event['id']}\ndata: {json.dumps(event)}\n\n"
    finally:
        broker.unsubscribe(queue)  # also when the client leaves (Django cancels the stream)


async def events(request):
    response = StreamingHttpResponse(event_stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
