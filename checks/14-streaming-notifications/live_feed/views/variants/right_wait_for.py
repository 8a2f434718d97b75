# Another correct answer: asyncio.wait_for for the keep-alive, subscribing in the view, and an `event:` field.
import asyncio
import itertools
import json

import broker
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

KEEPALIVE = 15.0


async def event_stream(queue):
    try:
        yield "retry: 3000\n\n"  # reconnect after 3 s
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), timeout=KEEPALIVE)
            except TimeoutError:
                yield ": keep-alive\n\n"
            else:
                yield f"event: message\nid: {event['id']}\ndata: {json.dumps(event)}\n\n"
    finally:
        broker.unsubscribe(queue)


async def events(request):
    queue = broker.subscribe()
    return StreamingHttpResponse(
        event_stream(queue),
        content_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


_demo_ids = itertools.count(1)


@csrf_exempt
@require_POST
async def publish_demo(request):
    event = {"id": next(_demo_ids), "text": request.body.decode("utf-8", "replace") or "ping"}
    return JsonResponse({"published": event, "subscribers": broker.publish(event)})
