# expect: forget `await`
# expect-ru: вы забыли `await`
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
    async with _opening:  # the second stream to get here waits for the first to finish opening
        if _listener is None or _listener.is_closed():
            connection = await asyncpg.connect()  # PGHOST, PGPORT...: the same server as Django's
            await connection.add_listener(CHANNEL, _deliver)  # sends LISTEN "news"
            _listener = connection


def _deliver(connection, pid, channel, payload):
    """asyncpg calls this on the event loop for each NOTIFY: hand the payload to every open stream."""
    for queue in list(_queues):
        if not queue.full():  # a client that stopped reading loses events rather than memory
            queue.put_nowait(payload)


async def event_stream():
    """Server-Sent Events: one `data: <payload>\\n\\n` per NOTIFY on CHANNEL, for as long as the client stays."""
    await start_listening()
    queue = asyncio.Queue(maxsize=MAX_WAITING)
    _queues.add(queue)
    try:
        while True:
            payload = queue.get()
            yield f"data: {payload}\n\n"
            await asyncio.sleep(0.1)
    finally:
        _queues.discard(queue)
