# Push every new notice to every open GET /events/ stream (Server-Sent Events).
# `Broker` keeps one asyncio.Queue per connected client; `publish_notice` (an async receiver of
# notice_created) publishes `notice.to_json()`; `events` streams, from an ASYNC generator, each item as
# `id: <pk>\nevent: notice\ndata: <json>\n\n`, a `: keep-alive\n\n` comment after settings.BOARD_KEEPALIVE
# seconds of silence, and removes its queue when the client goes away.
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

import asyncio
import json

from django.conf import settings
from django.dispatch import receiver
from django.http import StreamingHttpResponse
from notices.signals import notice_created


class Broker:
    def __init__(self):
        self.subscribers = set()

    def subscribe(self):
        queue = asyncio.Queue(maxsize=100)
        self.subscribers.add(queue)
        return queue

    def unsubscribe(self, queue):
        if queue in self.subscribers:
            self.subscribers.remove(queue)

    def publish(self, message):
        for queue in list(self.subscribers):
            try:
                queue.put_nowait(message)
            except asyncio.QueueFull:  # a client that reads nothing: drop it rather than grow forever
                self.unsubscribe(queue)


broker = Broker()


@receiver(notice_created, dispatch_uid="board-stream")
async def publish_notice(sender, notice, **kwargs):
    broker.publish(notice.to_json())


async def events(request):
    queue = broker.subscribe()  # subscribed at once; the generator's cleanup removes it

    async def lines():
        try:
            while True:
                try:
                    message = await asyncio.wait_for(queue.get(), timeout=settings.BOARD_KEEPALIVE)
                except TimeoutError:
                    yield b": keep-alive\n\n"
                else:
                    payload = json.dumps(message)
                    yield f"id: {message['id']}\nevent: notice\ndata: {payload}\n\n".encode()
        except asyncio.CancelledError:
            broker.unsubscribe(queue)
            raise  # always let a cancellation go on
        finally:
            broker.unsubscribe(queue)

    response = StreamingHttpResponse(lines(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    return response
