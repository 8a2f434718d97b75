# expect: SYNC iterator
# expect-ru: СИНХРОННЫЙ итератор
# Push every new notice to every open GET /events/ stream (Server-Sent Events).
# `Broker` keeps one asyncio.Queue per connected client; `publish_notice` (an async receiver of
# notice_created) publishes `notice.to_json()`; `events` streams, from an ASYNC generator, each item as
# `id: <pk>\nevent: notice\ndata: <json>\n\n`, a `: keep-alive\n\n` comment after settings.BOARD_KEEPALIVE
# seconds of silence, and removes its queue when the client goes away.
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

import json
import queue as threading_queue

from django.conf import settings
from django.dispatch import receiver
from django.http import StreamingHttpResponse
from notices.signals import notice_created


class Broker:
    """Thread-safe queues: the stream below blocks on them, in a thread."""

    def __init__(self):
        self.subscribers = set()

    def subscribe(self):
        queue = threading_queue.Queue()
        self.subscribers.add(queue)
        return queue

    def unsubscribe(self, queue):
        self.subscribers.discard(queue)

    def publish(self, message):
        for queue in self.subscribers:
            queue.put(message)


broker = Broker()


@receiver(notice_created)
async def publish_notice(sender, notice, **kwargs):
    broker.publish(notice.to_json())


def event_stream():
    queue = broker.subscribe()
    try:
        while True:
            try:
                message = queue.get(timeout=settings.BOARD_KEEPALIVE)
            except threading_queue.Empty:
                yield ": keep-alive\n\n"
                continue
            yield f"id: {message['id']}\nevent: notice\ndata: {json.dumps(message)}\n\n"
    finally:
        broker.unsubscribe(queue)


async def events(request):
    """GET /events/: an endless text/event-stream of new notices."""
    return StreamingHttpResponse(event_stream(), content_type="text/event-stream")
