# Serve Server-Sent Events at GET /events/: subscribe to the broker, and for each event published send
# `id: <event id>` and `data: <the event as JSON>`, then a blank line. When nothing has happened for
# KEEPALIVE seconds, send a comment line (": keep-alive") so proxies keep the connection open. Answer
# with `text/event-stream` and `Cache-Control: no-cache`, and unsubscribe when the client leaves,
# whatever way the stream ends. `tutor run`, then `curl -N` the stream and POST to /publish/.
# Lesson 14: Streaming and notifications (`tutor lesson 14`)

import itertools
import json

import broker
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

KEEPALIVE = 15.0  # seconds without an event before a keep-alive comment (the check sets it shorter)


def format_event(event):
    """One SSE event for `event` (a dict with an "id"): its id line, its data line, and the blank line."""
    raise NotImplementedError("write the SSE text for one event")


async def event_stream():
    """Subscribe, then yield one formatted event per published event, and keep-alives when idle."""
    raise NotImplementedError("subscribe, wait for events (or KEEPALIVE), yield them, unsubscribe at the end")
    yield  # (makes this an async generator)


async def events(request):
    """GET /events/: the event stream."""
    return StreamingHttpResponse(event_stream())


_demo_ids = itertools.count(1)


@csrf_exempt
@require_POST
async def publish_demo(request):
    """POST /publish/ with any text body: publish it as an event (done for you, to try the stream)."""
    event = {"id": next(_demo_ids), "text": request.body.decode("utf-8", "replace") or "ping"}
    return JsonResponse({"published": event, "subscribers": broker.publish(event)})
