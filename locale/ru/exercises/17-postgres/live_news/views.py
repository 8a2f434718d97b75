"""Представления проекта: стрим событий (его генератор пишете вы, в listener.py) и POST, который отправляет
NOTIFY через собственное соединение Django с базой, чтобы попробовать стрим вручную. (Прочитайте;
править не нужно.)"""

from asgiref.sync import sync_to_async
from django.db import connection
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

import listener


async def events(request):
    """GET /events/: Server-Sent Events, по одному на каждый NOTIFY в listener.CHANNEL."""
    response = StreamingHttpResponse(listener.event_stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: передавать каждое событие сразу
    return response


def _notify(payload):
    with connection.cursor() as cursor:
        # NOTIFY может отправить любая сессия; доставляется он при коммите её транзакции
        # (здесь сразу: автокоммит).
        cursor.execute("SELECT pg_notify(%s, %s)", [listener.CHANNEL, payload])


@csrf_exempt
@require_POST
async def notify(request):
    """POST /notify/ с текстом в теле: отправить его через NOTIFY всем слушающим процессам (этому и любому другому)."""
    payload = request.body.decode("utf-8", "replace") or "ping"
    await sync_to_async(_notify)(payload)
    return JsonResponse({"notified": payload, "streams_in_this_process": listener.subscriber_count()})
