"""Стрим событий (ваш шаг 3): GET /events/ отправляет каждое новое объявление в каждый открытый стрим."""

import asyncio
import json

from django.conf import settings
from django.dispatch import receiver
from django.http import StreamingHttpResponse
from notices.signals import notice_created


class Broker:
    """Публикация и подписка внутри процесса: подписчик получает всё, что опубликовано после подписки."""

    def __init__(self):
        self.subscribers = set()  # по одной asyncio.Queue на каждый открытый стрим

    def subscribe(self):
        """Новая очередь, которая получает все сообщения, опубликованные с этого момента."""
        queue = asyncio.Queue()
        self.subscribers.add(queue)
        return queue

    def unsubscribe(self, queue):
        """Перестать доставлять сообщения в `queue` (повторный вызов безопасен)."""
        self.subscribers.discard(queue)

    def publish(self, message):
        """Передать `message` (словарь, готовый к JSON) каждому подписчику, ничего не дожидаясь."""
        for queue in self.subscribers:
            queue.put_nowait(message)


broker = Broker()


@receiver(notice_created)
async def publish_notice(sender, notice, **kwargs):
    """Вызывается для каждого нового объявления и публикует его в брокере."""
    broker.publish(notice.to_json())


def sse(message):
    """Одно объявление в виде Server-Sent Event: поля, затем пустая строка, которая завершает событие."""
    return f"id: {message['id']}\nevent: notice\ndata: {json.dumps(message)}\n\n"


async def event_stream():
    queue = broker.subscribe()
    try:
        yield ": connected\n\n"  # комментарий: клиент видит, что стрим открыт
        while True:
            try:
                async with asyncio.timeout(settings.BOARD_KEEPALIVE):
                    message = await queue.get()
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            yield sse(message)
    finally:  # клиент ушёл: Django отменяет этот генератор (CancelledError), и мы прибираем за собой
        broker.unsubscribe(queue)


async def events(request):
    """GET /events/: бесконечный text/event-stream новых объявлений."""
    return StreamingHttpResponse(
        event_stream(),
        content_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},  # без буферизации в прокси
    )
