"""GET /events/: стрим Server-Sent Events из упражнения 2, уже готовый (прочитайте; править не нужно).

Каждое событие, опубликованное в брокере, уходит каждому подключённому клиенту как `id:` + `data:` + пустая строка.
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
        broker.unsubscribe(queue)  # и тогда, когда клиент уходит (Django отменяет стрим)


async def events(request):
    response = StreamingHttpResponse(event_stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
