# expect: never awaited
# expect-ru: так и не дождался его через `await`
# Feed a live SSE stream from PostgreSQL's LISTEN/NOTIFY. `start_listening()` opens ONE asyncpg connection
# for this server process (the first stream to start opens it; later ones reuse it) and LISTENs on CHANNEL
# with `add_listener`; its callback puts each payload on every subscriber's queue. `event_stream()` yields
# `data: <payload>` + a blank line per NOTIFY, and removes its queue however the stream ends.
# `tutor run`, then `curl -N {url}events/` and `curl -d hello {url}notify/` in another terminal.
# Lesson 17: PostgreSQL, a real async driver (optional track) (`tutor lesson 17`)

import asyncio

import asyncpg

CHANNEL = "news"
MAX_WAITING = 100  # payloads kept for a slow client; beyond that they are dropped for it

_queues = set()  # one asyncio.Queue per open stream
_listener = None  # the one LISTEN connection of this process, once opened
_opening = asyncio.Lock()  # two streams starting at once must not open two connections


def subscriber_count():
    """How many streams are open in this process right now."""
    return len(_queues)


async def start_listening():
    """Open the process's LISTEN connection, once: `asyncpg.connect()` then `add_listener(CHANNEL, ...)`."""
    global _listener
    async with _opening:
        if _listener is None:
            _listener = await asyncpg.connect()
            _listener.add_listener(CHANNEL, _deliver)


def _deliver(connection, pid, channel, payload):
    for queue in list(_queues):
        queue.put_nowait(payload)


async def event_stream():
    """Server-Sent Events: one `data: <payload>\\n\\n` per NOTIFY on CHANNEL, for as long as the client stays."""
    await start_listening()
    queue = asyncio.Queue(maxsize=MAX_WAITING)
    _queues.add(queue)
    try:
        while True:
            payload = await queue.get()
            yield f"data: {payload}\n\n"
    finally:
        # The client left: Django (5.0+) cancels the stream at its `await`, and this still runs.
        _queues.discard(queue)
