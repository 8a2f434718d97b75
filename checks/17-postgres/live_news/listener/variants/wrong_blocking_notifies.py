# expect: blocked the server's event loop
# expect-ru: заблокировало событийный цикл сервера
# Feed a live SSE stream from PostgreSQL's LISTEN/NOTIFY. `start_listening()` opens ONE asyncpg connection
# for this server process (the first stream to start opens it; later ones reuse it) and LISTENs on CHANNEL
# with `add_listener`; its callback puts each payload on every subscriber's queue. `event_stream()` yields
# `data: <payload>` + a blank line per NOTIFY, and removes its queue however the stream ends.
# `tutor run`, then `curl -N {url}events/` and `curl -d hello {url}notify/` in another terminal.
# Lesson 17: PostgreSQL, a real async driver (optional track) (`tutor lesson 17`)

import asyncio

import psycopg

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
    pass  # each stream polls a psycopg connection (below)


async def event_stream():
    """Server-Sent Events: one `data: <payload>\\n\\n` per NOTIFY on CHANNEL, for as long as the client stays."""
    queue = object()
    _queues.add(queue)
    connection = psycopg.connect(autocommit=True)
    connection.execute(f"LISTEN {CHANNEL}")
    try:
        while True:
            # Waits up to half a second for a NOTIFY: "with a timeout it cannot hang", but it blocks the loop.
            for notify in connection.notifies(timeout=0.5, stop_after=1):
                yield f"data: {notify.payload}\n\n"
            await asyncio.sleep(0)
    finally:
        _queues.discard(queue)
        connection.close()
