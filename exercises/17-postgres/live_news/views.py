"""The project's views: the event stream (its generator is yours, in listener.py), and a POST that sends a
NOTIFY through Django's own database connection, to try the stream by hand. (Read it; no need to edit.)"""

from asgiref.sync import sync_to_async
from django.db import connection
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

import listener


async def events(request):
    """GET /events/: Server-Sent Events, one per NOTIFY on listener.CHANNEL."""
    response = StreamingHttpResponse(listener.event_stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response


def _notify(payload):
    with connection.cursor() as cursor:
        # Any session may NOTIFY; it is delivered when its transaction commits (here at once: autocommit).
        cursor.execute("SELECT pg_notify(%s, %s)", [listener.CHANNEL, payload])


@csrf_exempt
@require_POST
async def notify(request):
    """POST /notify/ with a text body: NOTIFY it to every listening process (this one and any other)."""
    payload = request.body.decode("utf-8", "replace") or "ping"
    await sync_to_async(_notify)(payload)
    return JsonResponse({"notified": payload, "streams_in_this_process": listener.subscriber_count()})
