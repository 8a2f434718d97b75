# Отправляйте каждое новое объявление в каждый открытый стрим GET /events/ (Server-Sent Events).
# `Broker` держит по одной asyncio.Queue на каждого подключённого клиента; `publish_notice` (асинхронный
# получатель notice_created) публикует `notice.to_json()`; `events` отдаёт из АСИНХРОННОГО генератора
# каждый элемент в виде `id: <pk>\nevent: notice\ndata: <json>\n\n`, комментарий `: keep-alive\n\n` после
# settings.BOARD_KEEPALIVE секунд тишины и убирает свою очередь, когда клиент уходит.
# Урок 16: Итоговый проект: живая доска объявлений (`tutor lesson 16`)

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
        raise NotImplementedError

    def unsubscribe(self, queue):
        """Перестать доставлять сообщения в `queue` (повторный вызов безопасен)."""
        raise NotImplementedError

    def publish(self, message):
        """Передать `message` (словарь, готовый к JSON) каждому подписчику, ничего не дожидаясь."""
        raise NotImplementedError


broker = Broker()


@receiver(notice_created)
def publish_notice(sender, notice, **kwargs):
    """Вызывается для каждого нового объявления и публикует его в брокере."""
    raise NotImplementedError


def events(request):
    """GET /events/: бесконечный text/event-stream новых объявлений."""
    raise NotImplementedError
