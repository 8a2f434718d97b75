"""Checks for lesson 17, exercise `live_news/listener.py`: PostgreSQL LISTEN/NOTIFY through one asyncpg
connection per process, fanned out to Server-Sent Events streams, served for real by uvicorn to three
clients; the NOTIFY comes from the check's own connection, as it would from another process."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import inspect
import warnings
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import asyncpg
import httpx

from tutor.checkkit import (
    CheckFailure,
    EventStreamReader,
    RecordingApp,
    _,
    django_project,
    fail,
    load_exercise,
    ngettext,
    postgres_server,
    run_async,
    serve_django,
)

CLIENTS = 3
PAYLOADS = ["price changed", "stock: 12 left"]
BLOCKED = 0.2  # a stall of the server's event loop above this (in seconds) means something blocked it


@dataclass
class Seen:
    failure: CheckFailure | None = None
    subscribed: int = 0
    listening: int = 0  # server sessions whose last command was LISTEN
    left_behind: int = 0  # streams still subscribed 2 s after every client left
    data: list[str] = field(default_factory=list)
    unawaited: list[str] = field(default_factory=list)


def _listener() -> ModuleType:
    postgres_server()  # first: PGHOST, PGPORT... for settings.py and asyncpg
    django_project()
    return load_exercise()


def test_event_stream_is_an_async_generator() -> None:
    """event_stream is an async generator function (`async def` with `yield`)"""
    stream = getattr(_listener(), "event_stream", None)
    if not inspect.isasyncgenfunction(stream):
        fail(
            _(
                "`event_stream` must be an async generator: `async def event_stream():` with `yield` "
                "inside. Under ASGI Django streams an async iterator as it goes; a plain generator "
                "is collected whole in a thread first, and an endless one never sends anything."
            )
        )


async def _scenario(base: str, watch: RecordingApp, seen: Seen, module: ModuleType) -> None:
    async def until(condition: Any, within: float = 2.0) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not condition():
            if loop.time() > deadline or watch.stalled() > BLOCKED:
                return False
            await asyncio.sleep(0.01)
        return True

    admin = await asyncpg.connect()
    try:
        async with contextlib.AsyncExitStack() as stack:
            client = await stack.enter_async_context(httpx.AsyncClient(timeout=5, trust_env=False))
            readers = []
            for _client in range(CLIENTS):
                try:
                    response = await asyncio.wait_for(
                        stack.enter_async_context(client.stream("GET", f"{base}/events/")), 2
                    )
                except TimeoutError:
                    seen.failure = CheckFailure(_("GET /events/ did not answer within 2 s."))
                    return
                if watch.stalled() > BLOCKED:
                    return
                readers.append(EventStreamReader(response.aiter_bytes()))
            await until(lambda: module.subscriber_count() >= CLIENTS)
            seen.subscribed = module.subscriber_count()
            if watch.stalled() > BLOCKED or seen.subscribed < CLIENTS:
                return
            seen.listening = await admin.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()"
            )
            for payload in PAYLOADS:  # from another session, as another server process would
                await admin.execute("SELECT pg_notify($1, $2)", module.CHANNEL, payload)
            for number, reader in enumerate(readers, start=1):
                for _payload in PAYLOADS:
                    try:
                        event = await reader.next_event(
                            within=2,
                            what=_(
                                "Client {number}'s GET /events/",
                                number=number,
                            ),
                        )
                    except CheckFailure as failure:
                        seen.failure = failure
                        return
                    seen.data.append(event.data)
        # Every client has gone: each stream must notice and remove its queue.
        await until(lambda: module.subscriber_count() == 0)
        seen.left_behind = module.subscriber_count()
    finally:
        await admin.close()


def test_every_client_gets_every_notify() -> None:
    """a NOTIFY from another connection reaches three open streams within 2 s, through one LISTEN connection"""
    module = _listener()
    from django.core.handlers.asgi import ASGIHandler

    watch = RecordingApp(ASGIHandler(), heartbeat=True)
    seen = Seen()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with serve_django(watch) as base:
            run_async(_scenario(base, watch, seen, module), within=8, what=_("Talking to your event stream"))
            stalled = watch.stalled()
        gc.collect()
    seen.unawaited = [str(w.message) for w in caught if "was never awaited" in str(w.message)]
    _judge(seen, stalled, module)


def _judge(seen: Seen, stalled: float, module: ModuleType) -> None:
    if seen.unawaited or any("<coroutine object" in data for data in seen.data):
        said = seen.unawaited[0].split(" was never awaited")[0] if seen.unawaited else _("a coroutine")
        fail(
            _(
                "Your listener created {said} that was never awaited, so it never ran: "
                "`add_listener(...)` and `queue.get()` are coroutines; they do their work only when "
                "awaited. Did you forget `await`? (`await connection.add_listener(CHANNEL, "
                "callback)`, `payload = await queue.get()`.)",
                said=said,
            )
        )
    if stalled > BLOCKED:
        fail(
            _(
                "Something blocked the server's event loop for {ms:.0f} ms: while one stream waited "
                "for a NOTIFY, no other request could be served. A synchronous LISTEN loop "
                "(psycopg's `connection.notifies()`, `select()`, or polling with `time.sleep()`) "
                "inside async code waits on the loop's own thread, even with a timeout. Let asyncpg "
                "wait for you: `await connection.add_listener(CHANNEL, callback)` calls `callback` "
                "on the loop when a NOTIFY arrives, and the stream awaits its queue.",
                ms=stalled * 1000,
            )
        )
    if seen.failure is not None:
        raise seen.failure
    if seen.subscribed < CLIENTS:
        fail(
            _(
                "{clients} clients opened GET /events/, but after 2 s subscriber_count() was "
                "{subscribed}. `event_stream` must await `start_listening()`, then add a queue of "
                "its own to `_queues` and wait on it.",
                clients=CLIENTS,
                subscribed=seen.subscribed,
            )
        )
    if seen.listening > 1:
        fail(
            ngettext(
                (
                    "With {clients} streams open the server had {n} sessions LISTENing: a new LISTEN "
                    "connection per client. Each is a PostgreSQL server process held for as long as the "
                    "client stays, so 1000 browsers would need 1000 connections. Open ONE per server "
                    "process in `start_listening()` (guarded by the lock, reused when it exists) and fan "
                    "each payload out to the queues in the callback."
                ),
                (
                    "With {clients} streams open the server had {n} sessions LISTENing: a new LISTEN "
                    "connection per client. Each is a PostgreSQL server process held for as long as the "
                    "client stays, so 1000 browsers would need 1000 connections. Open ONE per server "
                    "process in `start_listening()` (guarded by the lock, reused when it exists) and fan "
                    "each payload out to the queues in the callback."
                ),
                seen.listening,
                clients=CLIENTS,
            )
        )
    if seen.listening < 1:
        fail(
            _(
                "While the streams were open no session was LISTENing: `start_listening()` must open "
                "an asyncpg connection and `await connection.add_listener(CHANNEL, callback)` (it "
                "sends LISTEN for you)."
            )
        )
    if seen.left_behind:
        fail(
            ngettext(
                (
                    "The clients left, but {n} queue(s) stayed in `_queues`: the streams never cleaned "
                    "up. When a client goes, Django cancels its stream at the `await`, so code after the "
                    "loop never runs. Put `_queues.discard(queue)` in a `finally:` around the loop."
                ),
                (
                    "The clients left, but {n} queue(s) stayed in `_queues`: the streams never cleaned "
                    "up. When a client goes, Django cancels its stream at the `await`, so code after the "
                    "loop never runs. Put `_queues.discard(queue)` in a `finally:` around the loop."
                ),
                seen.left_behind,
            )
        )
    expected = PAYLOADS * CLIENTS
    if seen.data != expected:
        fail(
            _(
                "The clients received {data!r}; expected each to get {payloads!r}, as `data: <payload>` events.",
                data=seen.data,
                payloads=PAYLOADS,
            )
        )
