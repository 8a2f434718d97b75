"""An in-process broker: every connected stream has its own queue, and `publish` puts an event on each.
(Read it; no need to edit.)

It lives in this process's memory, so it only works with ONE server process: with several uvicorn workers
each has its own broker, and an event published in one never reaches streams held by another. Real
deployments put the fan-out in something shared: Redis pub/sub, or PostgreSQL LISTEN/NOTIFY.
"""

import asyncio

MAX_WAITING = 100  # events kept for a slow client; beyond that, new ones are dropped for it

_subscribers = {}  # queue -> the event loop its stream runs in


def subscribe():
    """A new queue that receives every event published from now on. Call it from async code (a stream)."""
    queue = asyncio.Queue(maxsize=MAX_WAITING)
    _subscribers[queue] = asyncio.get_running_loop()
    return queue


def unsubscribe(queue):
    """Stop delivering to `queue` (safe to call twice). Every subscribe() needs one, in a `finally:`."""
    _subscribers.pop(queue, None)


def publish(event):
    """Put `event` (a dict with an "id") on every subscriber's queue; returns how many there were.

    Safe from any thread: the put is handed to each queue's own event loop, because an asyncio.Queue
    must only be touched from its loop's thread (a sync view or a signal receiver may run elsewhere).
    """
    subscribers = list(_subscribers.items())
    for queue, loop in subscribers:
        loop.call_soon_threadsafe(_deliver, queue, event)
    return len(subscribers)


def subscriber_count():
    """How many streams are subscribed right now."""
    return len(_subscribers)


def _deliver(queue, event):
    if queue.full():
        return  # a client that stopped reading: drop the event for it rather than grow without end
    queue.put_nowait(event)
