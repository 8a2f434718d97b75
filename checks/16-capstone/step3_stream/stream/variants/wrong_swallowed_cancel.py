# expect: swallow CancelledError
# expect-ru: не проглатывайте CancelledError
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
    """In-process publish/subscribe: every subscriber gets every message published after it subscribed."""

    def __init__(self):
        self.subscribers = set()  # one asyncio.Queue per open stream

    def subscribe(self):
        """A new queue that receives every message published from now on."""
        queue = asyncio.Queue()
        self.subscribers.add(queue)
        return queue

    def unsubscribe(self, queue):
        """Stop delivering to `queue` (safe to call twice)."""
        self.subscribers.discard(queue)

    def publish(self, message):
        """Hand `message` (a JSON-ready dict) to every subscriber, without waiting."""
        for queue in self.subscribers:
            queue.put_nowait(message)


broker = Broker()


@receiver(notice_created)
async def publish_notice(sender, notice, **kwargs):
    """Called for every new notice: publish it to the broker."""
    broker.publish(notice.to_json())


def sse(message):
    """One notice as a Server-Sent Event: fields, then the blank line that ends the event."""
    return f"id: {message['id']}\nevent: notice\ndata: {json.dumps(message)}\n\n"


async def event_stream():
    queue = broker.subscribe()
    try:
        yield ": connected\n\n"  # a comment: lets the client see the stream is open
        while True:
            try:
                async with asyncio.timeout(settings.BOARD_KEEPALIVE):
                    message = await queue.get()
            except (TimeoutError, asyncio.CancelledError):  # any wait that ended without a message
                yield ": keep-alive\n\n"
                continue
            yield sse(message)
    finally:  # the client went away: Django cancels this generator (CancelledError), and we clean up
        broker.unsubscribe(queue)


async def events(request):
    """GET /events/: an endless text/event-stream of new notices."""
    return StreamingHttpResponse(
        event_stream(),
        content_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},  # no proxy buffering
    )
