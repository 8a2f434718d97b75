# Serve Server-Sent Events at GET /events/: subscribe to the broker, and for each event published send
# `id: <event id>` and `data: <the event as JSON>`, then a blank line. When nothing has happened for
# KEEPALIVE seconds, send a comment line (": keep-alive") so proxies keep the connection open. Answer
# with `text/event-stream` and `Cache-Control: no-cache`, and unsubscribe when the client leaves,
# whatever way the stream ends. `tutor run`, then `curl -N` the stream and POST to /publish/.
# Lesson 14: Streaming and notifications (`tutor lesson 14`)

import asyncio
import itertools
import json

import broker
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

KEEPALIVE = 15.0  # seconds without an event before a keep-alive comment (the check sets it shorter)


def format_event(event):
    """One SSE event for `event` (a dict with an "id"): its id line, its data line, and the blank line."""
    return f"id: {event['id']}\ndata: {json.dumps(event)}\n\n"


async def event_stream():
    """Subscribe, then yield one formatted event per published event, and keep-alives when idle."""
    queue = broker.subscribe()
    try:
        while True:
            try:
                async with asyncio.timeout(KEEPALIVE):
                    event = await queue.get()
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            yield format_event(event)
    finally:
        # Runs however the stream ends. When the client leaves, Django (5.0+) cancels the response:
        # CancelledError comes out of `await queue.get()`, goes through here, and on up.
        broker.unsubscribe(queue)


async def events(request):
    """GET /events/: the event stream."""
    response = StreamingHttpResponse(event_stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response


_demo_ids = itertools.count(1)


@csrf_exempt
@require_POST
async def publish_demo(request):
    """POST /publish/ with any text body: publish it as an event (done for you, to try the stream)."""
    event = {"id": next(_demo_ids), "text": request.body.decode("utf-8", "replace") or "ping"}
    return JsonResponse({"published": event, "subscribers": broker.publish(event)})
