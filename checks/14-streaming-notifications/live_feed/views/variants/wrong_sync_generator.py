# expect: is a plain generator
# expect-ru: — обычный генератор
# A plain generator that gets each event through async_to_sync: Django consumes it in a thread, whole.
import itertools
import json

import broker
from asgiref.sync import async_to_sync
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

KEEPALIVE = 15.0


def event_stream():
    queue = broker.subscribe()
    try:
        while True:
            event = async_to_sync(queue.get)()
            yield f"id: {event['id']}\ndata: {json.dumps(event)}\n\n"
    finally:
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
