# expect: never noticed its client disconnect
# expect-ru: так и не заметил, что клиент отключился
# Unsubscribes after the loop, which a cancelled stream never reaches: one subscription leaks per visit.
import asyncio
import itertools
import json

import broker
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

KEEPALIVE = 15.0


async def event_stream():
    queue = broker.subscribe()
    while True:
        try:
            async with asyncio.timeout(KEEPALIVE):
                event = await queue.get()
        except TimeoutError:
            yield ": keep-alive\n\n"
            continue
        if event.get("text") == "bye":
            break
        yield f"id: {event['id']}\ndata: {json.dumps(event)}\n\n"
    broker.unsubscribe(queue)


async def events(request):
    response = StreamingHttpResponse(event_stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    return response


_demo_ids = itertools.count(1)


@csrf_exempt
@require_POST
async def publish_demo(request):
    event = {"id": next(_demo_ids), "text": request.body.decode("utf-8", "replace") or "ping"}
    return JsonResponse({"published": event, "subscribers": broker.publish(event)})
