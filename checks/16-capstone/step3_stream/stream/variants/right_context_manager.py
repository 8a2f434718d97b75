# Push every new notice to every open GET /events/ stream (Server-Sent Events).
# `Broker` keeps one asyncio.Queue per connected client; `publish_notice` (an async receiver of
# notice_created) publishes `notice.to_json()`; `events` streams, from an ASYNC generator, each item as
# `id: <pk>\nevent: notice\ndata: <json>\n\n`, a `: keep-alive\n\n` comment after settings.BOARD_KEEPALIVE
# seconds of silence, and removes its queue when the client goes away.
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

import asyncio
import contextlib
import json

from django.conf import settings
from django.dispatch import receiver
from django.http import StreamingHttpResponse
from django.views import View
from notices.signals import notice_created


class Broker:
    def __init__(self):
        self.subscribers = set()

    def subscribe(self):
        queue = asyncio.Queue()
        self.subscribers.add(queue)
        return queue

    def unsubscribe(self, queue):
        self.subscribers.discard(queue)

    def publish(self, message):
        for queue in self.subscribers:
            queue.put_nowait(message)

    @contextlib.asynccontextmanager
    async def subscription(self):
        queue = self.subscribe()
        try:
            yield queue
        finally:
            self.unsubscribe(queue)


broker = Broker()


@receiver(notice_created)
async def publish_notice(sender, notice, **kwargs):
    broker.publish(notice.to_json())


def as_event(message):
    lines = [f"id: {message['id']}", "event: notice", f"data: {json.dumps(message)}"]
    return "\n".join(lines) + "\n\n"


async def notice_events():
    async with broker.subscription() as queue:
        while True:
            done, _pending = await asyncio.wait([asyncio.ensure_future(queue.get())], timeout=settings.BOARD_KEEPALIVE)
            if not done:
                # the get() still pending is cancelled and dropped: asyncio.Queue copes with that
                for task in _pending:
                    task.cancel()
                yield ": keep-alive\n\n"
                continue
            yield as_event(done.pop().result())


class EventsView(View):
    async def get(self, request):
        return StreamingHttpResponse(
            notice_events(), content_type="text/event-stream", headers={"Cache-Control": "no-cache"}
        )


events = EventsView.as_view()
