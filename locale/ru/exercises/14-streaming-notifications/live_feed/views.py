# Отдавайте Server-Sent Events на GET /events/: подпишитесь на брокер и для каждого опубликованного события
# отправляйте `id: <id события>` и `data: <событие в виде JSON>`, а затем пустую строку. Если за KEEPALIVE секунд
# ничего не произошло, отправьте строку-комментарий (": keep-alive"), чтобы прокси не закрывали соединение.
# Отвечайте с типом `text/event-stream` и заголовком `Cache-Control: no-cache`; отписывайтесь, когда
# клиент уходит, как бы ни закончился стрим. Запустите `tutor run`, затем `curl -N` на стрим и POST на /publish/.
# Урок 14: Стриминг и уведомления (`tutor lesson 14`)

import itertools
import json

import broker
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

KEEPALIVE = 15.0  # секунд без событий до комментария keep-alive (проверка делает этот интервал короче)


def format_event(event):
    """Одно SSE-событие для `event` (словаря с "id"): строка id, строка data и пустая строка."""
    raise NotImplementedError("напишите текст SSE для одного события")


async def event_stream():
    """Подписаться, затем выдавать по отформатированному событию на каждое опубликованное, а в тишине — keep-alive."""
    raise NotImplementedError("подпишитесь, ждите событий (или KEEPALIVE), выдавайте их, в конце отпишитесь")
    yield  # (делает функцию асинхронным генератором)


async def events(request):
    """GET /events/: стрим событий."""
    return StreamingHttpResponse(event_stream())


_demo_ids = itertools.count(1)


@csrf_exempt
@require_POST
async def publish_demo(request):
    """POST /publish/ с любым текстом в теле: опубликовать его как событие (уже готово, чтобы попробовать стрим)."""
    event = {"id": next(_demo_ids), "text": request.body.decode("utf-8", "replace") or "ping"}
    return JsonResponse({"published": event, "subscribers": broker.publish(event)})
