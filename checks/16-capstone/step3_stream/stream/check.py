"""Checks for lesson 16, step 3 `step3_stream/stream.py`: GET /events/ pushes every new notice to every
open stream (Server-Sent Events), under uvicorn on 127.0.0.1 with three clients at once."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any

import httpx

from tutor.checkkit import (
    EventStreamReader,
    RecordingApp,
    _,
    django_project,
    django_request,
    fail,
    load_exercise,
    ngettext,
    require_async_view,
    run_async,
    serve_django,
)

CLIENTS = 3


def _stream() -> Any:
    """The project on its own database, then the learner's stream.py (its receiver connected)."""
    django_project()
    module = load_exercise()
    for name in ("broker", "events"):
        if not hasattr(module, name):
            fail(
                _(
                    "stream.py has no `{name}`: keep the names of the exercise (urls.py and the check use them).",
                    name=name,
                )
            )
    if not isinstance(getattr(module.broker, "subscribers", None), set):
        fail(_("`broker.subscribers` must stay a set: one asyncio.Queue per open stream, added and removed."))
    return module


async def _until(condition: Any, within: float) -> bool:
    """Poll `condition()` every 10 ms; True once it holds, False after `within` s."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


def _require_async_stream(stream: Any) -> None:
    """GET /events/ through AsyncClient (its body unread): an async view answering an async event stream."""
    require_async_view(stream.events, "events")
    before = set(stream.broker.subscribers)
    try:
        response = django_request("GET", "/events/")  # the body is not read: the stream never ends
    finally:
        stream.broker.subscribers.intersection_update(before)  # forget a subscription made by the view itself
    if not getattr(response, "streaming", False):
        fail(
            _(
                "GET /events/ answered a {cls}, which is sent whole once complete; an event stream "
                "never completes. Return `StreamingHttpResponse(generator(), "
                'content_type="text/event-stream")`.',
                cls=type(response).__name__,
            )
        )
    if not response.is_async:
        fail(
            _(
                "GET /events/ streams a SYNC iterator. Under ASGI Django cannot stream it: it warns, "
                "then consumes the whole iterator in a thread first, and an endless one never ends, "
                "so no event ever leaves the server (and a thread is stuck forever). Make the "
                "generator `async def` and wait for notices with `await queue.get()`."
            )
        )
    kind = response.headers.get("Content-Type", "")
    if not kind.startswith("text/event-stream"):
        fail(
            _(
                "GET /events/ has Content-Type {kind!r}; EventSource in a browser only accepts `text/event-stream`.",
                kind=kind,
            )
        )


def test_events_is_an_async_stream() -> None:
    """GET /events/ is an async view answering an async text/event-stream"""
    _require_async_stream(_stream())


def test_every_client_gets_every_notice() -> None:
    """three open streams each receive every new notice, in order, under uvicorn; then clean up on disconnect"""
    stream = _stream()
    from django.core.handlers.asgi import ASGIHandler
    from django.test import override_settings

    _require_async_stream(stream)  # a sync stream would hang a server thread: say so without one
    subscribers = stream.broker.subscribers

    async def scenario(base: str) -> None:
        async with httpx.AsyncClient(timeout=httpx.Timeout(2.0), trust_env=False) as http:
            with override_settings(BOARD_KEEPALIVE=30):  # no keep-alive comment may complete a broken event
                await _push(http, base)
            if not await _until(lambda: not subscribers, 2):
                fail(
                    ngettext(
                        (
                            "The clients closed their streams, but 2 s later `broker.subscribers` still "
                            "holds {n} queues: every notice would be queued for them forever (a memory "
                            "leak). When a client goes away, Django (5.0+) cancels the stream: the "
                            "CancelledError comes out of your `await`. Remove the queue in a `finally:` "
                            "around the generator's loop, and never swallow CancelledError (no `except "
                            "asyncio.CancelledError` or `except BaseException` without `raise`)."
                        ),
                        (
                            "The clients closed their streams, but 2 s later `broker.subscribers` still "
                            "holds {n} queues: every notice would be queued for them forever (a memory "
                            "leak). When a client goes away, Django (5.0+) cancels the stream: the "
                            "CancelledError comes out of your `await`. Remove the queue in a `finally:` "
                            "around the generator's loop, and never swallow CancelledError (no `except "
                            "asyncio.CancelledError` or `except BaseException` without `raise`)."
                        ),
                        len(subscribers),
                    )
                )
            with override_settings(BOARD_KEEPALIVE=0.3):
                await _keep_alive(http, base)

    async def _push(http: httpx.AsyncClient, base: str) -> None:
        async with contextlib.AsyncExitStack() as open_streams:
            responses = [
                await open_streams.enter_async_context(http.stream("GET", f"{base}/events/"))
                for _client in range(CLIENTS)
            ]
            if responses[0].status_code != 200:
                fail(
                    _(
                        "GET /events/ answered {status_code} under uvicorn; expected 200.",
                        status_code=responses[0].status_code,
                    )
                )
            readers = [EventStreamReader(r.aiter_bytes()) for r in responses]
            if not await _until(lambda: len(subscribers) >= CLIENTS or app.errors, 2) or app.errors:
                fail(
                    ngettext(
                        (
                            "{clients} clients opened GET /events/, but after 2 s `broker.subscribers` "
                            "holds {n} queues. Subscribe when the stream starts: `queue = "
                            "broker.subscribe()` at the top of the async generator, which adds a new "
                            "asyncio.Queue to the set."
                        ),
                        (
                            "{clients} clients opened GET /events/, but after 2 s `broker.subscribers` "
                            "holds {n} queues. Subscribe when the stream starts: `queue = "
                            "broker.subscribe()` at the top of the async generator, which adds a new "
                            "asyncio.Queue to the set."
                        ),
                        len(subscribers),
                        clients=CLIENTS,
                    )
                )
            app.reset_measures()
            posted = []
            for title in ("Lunch at noon", "Fire drill moved"):
                answer = await http.post(f"{base}/api/notices/", json={"title": title, "body": "x"})
                if answer.status_code != 201:
                    fail(
                        _(
                            "POST /api/notices/ answered {status_code} while streams were open: {body}",
                            status_code=answer.status_code,
                            body=answer.text[:300],
                        )
                    )
                posted.append(answer.json())
            if app.stalled() > 0.15:
                _explain(app)  # fails: the loop is blocked
            for number, reader in enumerate(readers, 1):
                for notice in posted:
                    what = _(
                        "Stream {number} of {clients} (GET /events/), after POST of {title!r},",
                        number=number,
                        clients=CLIENTS,
                        title=notice["title"],
                    )
                    _check_event(await reader.next_event(within=2, what=what), notice, what)

    async def _keep_alive(http: httpx.AsyncClient, base: str) -> None:
        """A quiet stream must send comment lines (BOARD_KEEPALIVE = 0.3): two within 1.2 s."""
        text = ""
        async with http.stream("GET", f"{base}/events/") as response:
            chunks = response.aiter_bytes()
            deadline = time.monotonic() + 1.2
            while time.monotonic() < deadline:
                try:
                    chunk = await asyncio.wait_for(anext(chunks), deadline - time.monotonic())
                except (TimeoutError, StopAsyncIteration):
                    break
                text += chunk.decode("utf-8", "replace")
                if sum(line.startswith(":") for line in text.splitlines()) >= 2:
                    return
        fail(
            _(
                "With settings.BOARD_KEEPALIVE = 0.3, a quiet stream sent {sent!r} in 1.2 s: no "
                "keep-alive comments. Wait for the next notice at most BOARD_KEEPALIVE seconds "
                "(`async with asyncio.timeout(settings.BOARD_KEEPALIVE):`, read when the stream "
                "runs) and send `: keep-alive\\n\\n` when nothing came: proxies and browsers close "
                "connections that stay silent.",
                sent=text[-200:],
            )
        )

    app = RecordingApp(ASGIHandler(), heartbeat=True)
    with serve_django(app) as base:
        try:
            run_async(scenario(base), within=8, what=_("The event streams"))
        except Exception:  # a failed check, or the client's own timeout
            _explain(app)
            raise
    _explain(app)


def _explain(app: RecordingApp) -> None:
    """The likely cause of a failure (or of a success with a blocked loop): blocking, or a missing await."""
    stalled = app.stalled()
    if stalled > 0.15:
        fail(
            _(
                "Something blocked uvicorn's event loop for {ms:.0f} ms while the streams were open. "
                "Every stream and request of the server shares that loop: no `time.sleep` in the "
                "generator; wait with `await queue.get()` (inside `asyncio.timeout`) instead.",
                ms=stalled * 1000,
            )
        )
    for error in app.errors:
        if "'async_generator' object is not iterable" in error:
            fail(
                _(
                    "A stream crashed with a TypeError inside your async generator, which Django "
                    "hid: StreamingHttpResponse takes any TypeError during `async for` as a sign of "
                    "a SYNC iterator and retries with `list()`, which then fails ({error}). The "
                    "usual TypeError there is a coroutine used as a value: `queue.get()` only "
                    "creates a coroutine, the message comes out of `await queue.get()`. Did you "
                    "forget `await`?",
                    error=error,
                )
            )
        if "coroutine" in error:
            fail(
                _(
                    "A stream crashed: {error}. A coroutine turned up where a value was expected: "
                    "`queue.get()` only creates a coroutine; the message comes out of `await "
                    "queue.get()`. Did you forget `await`?",
                    error=error,
                )
            )


def _check_event(event: Any, notice: dict[str, Any], what: str) -> None:
    if event.event != "notice":
        fail(
            _(
                "{what} got an event of type {event!r}; send `event: notice` before the data line.",
                what=what,
                event=event.event,
            )
        )
    if event.id != str(notice["id"]):
        fail(
            _(
                "{what} got an event with id {got!r}; expected the notice's id, {want} (`id: <pk>`): "
                "a browser sends the last id back as Last-Event-ID when it reconnects.",
                what=what,
                got=event.id,
                want=notice["id"],
            )
        )
    try:
        data = json.loads(event.data)
    except ValueError:
        fail(
            _(
                "{what} got data {data!r}, which is not JSON. Send `data: {{json.dumps(notice.to_json())}}`.",
                what=what,
                data=event.data[:200],
            )
        )
    if data != notice:
        fail(
            _(
                "{what} got data {data!r}; expected the notice as the API gives it, `notice.to_json()`: {notice!r}.",
                what=what,
                data=data,
                notice=notice,
            )
        )
