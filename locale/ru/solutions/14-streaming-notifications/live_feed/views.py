# Отдавайте Server-Sent Events на GET /events/: подпишитесь на брокер и для каждого опубликованного события
# отправляйте `id: <id события>` и `data: <событие в виде JSON>`, а затем пустую строку. Если за KEEPALIVE секунд
# ничего не произошло, отправьте строку-комментарий (": keep-alive"), чтобы прокси не закрывали соединение.
# Отвечайте с типом `text/event-stream` и заголовком `Cache-Control: no-cache`; отписывайтесь, когда
# клиент уходит, как бы ни закончился стрим. Запустите `tutor run`, затем `curl -N` на стрим и POST на /publish/.
# Урок 14: Стриминг и уведомления (`tutor lesson 14`)

import asyncio
import itertools
import json

import broker
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

KEEPALIVE = 15.0  # секунд без событий до комментария keep-alive (проверка делает этот интервал короче)


def format_event(event):
    """Одно SSE-событие для `event` (словаря с "id"): строка id, строка data и пустая строка."""
    return f"id: {event['id']}\ndata: {json.dumps(event)}\n\n"


async def event_stream():
    """Подписаться, затем выдавать по отформатированному событию на каждое опубликованное, а в тишине — keep-alive."""
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
        # Выполняется, как бы ни закончился стрим. Когда клиент уходит, Django (5.0+) отменяет ответ:
        # CancelledError вылетает из `await queue.get()`, проходит через это место и летит дальше вверх.
        broker.unsubscribe(queue)


async def events(request):
    """GET /events/: стрим событий."""
    response = StreamingHttpResponse(event_stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: передавать каждое событие сразу
    return response


_demo_ids = itertools.count(1)


@csrf_exempt
@require_POST
async def publish_demo(request):
    """POST /publish/ с любым текстом в теле: опубликовать его как событие (уже готово, чтобы попробовать стрим)."""
    event = {"id": next(_demo_ids), "text": request.body.decode("utf-8", "replace") or "ping"}
    return JsonResponse({"published": event, "subscribers": broker.publish(event)})
