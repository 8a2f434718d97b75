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
        raise NotImplementedError

    def unsubscribe(self, queue):
        """Stop delivering to `queue` (safe to call twice)."""
        raise NotImplementedError

    def publish(self, message):
        """Hand `message` (a JSON-ready dict) to every subscriber, without waiting."""
        raise NotImplementedError


broker = Broker()


@receiver(notice_created)
def publish_notice(sender, notice, **kwargs):
    """Called for every new notice: publish it to the broker."""
    raise NotImplementedError


def events(request):
    """GET /events/: an endless text/event-stream of new notices."""
    raise NotImplementedError
