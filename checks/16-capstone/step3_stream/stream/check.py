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
    django_project,
    django_request,
    fail,
    load_exercise,
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
            fail(f"stream.py has no `{name}`: keep the names of the exercise (urls.py and the check use them).")
    if not isinstance(getattr(module.broker, "subscribers", None), set):
        fail("`broker.subscribers` must stay a set: one asyncio.Queue per open stream, added and removed.")
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
            f"GET /events/ answered a {type(response).__name__}, which is sent whole once complete; an event "
            f"stream never completes. Return `StreamingHttpResponse(generator(), content_type="
            f'"text/event-stream")`.'
        )
    if not response.is_async:
        fail(
            "GET /events/ streams a SYNC iterator. Under ASGI Django cannot stream it: it warns, then consumes "
            "the whole iterator in a thread first, and an endless one never ends, so no event ever leaves "
            "the server (and a thread is stuck forever). Make the generator `async def` and wait for notices "
            "with `await queue.get()`."
        )
    kind = response.headers.get("Content-Type", "")
    if not kind.startswith("text/event-stream"):
        fail(f"GET /events/ has Content-Type {kind!r}; EventSource in a browser only accepts `text/event-stream`.")


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
                    f"The clients closed their streams, but 2 s later `broker.subscribers` still holds "
                    f"{len(subscribers)} queues: every notice would be queued for them forever (a memory leak). "
                    f"When a client goes away, Django (5.0+) cancels the stream: the CancelledError comes out "
                    f"of your `await`. Remove the queue in a `finally:` around the generator's loop, and never "
                    f"swallow CancelledError (no `except asyncio.CancelledError` or `except BaseException` "
                    f"without `raise`)."
                )
            with override_settings(BOARD_KEEPALIVE=0.3):
                await _keep_alive(http, base)

    async def _push(http: httpx.AsyncClient, base: str) -> None:
        async with contextlib.AsyncExitStack() as open_streams:
            responses = [
                await open_streams.enter_async_context(http.stream("GET", f"{base}/events/")) for _ in range(CLIENTS)
            ]
            if responses[0].status_code != 200:
                fail(f"GET /events/ answered {responses[0].status_code} under uvicorn; expected 200.")
            readers = [EventStreamReader(r.aiter_bytes()) for r in responses]
            if not await _until(lambda: len(subscribers) >= CLIENTS or app.errors, 2) or app.errors:
                fail(
                    f"{CLIENTS} clients opened GET /events/, but after 2 s `broker.subscribers` holds "
                    f"{len(subscribers)} queues. Subscribe when the stream starts: `queue = broker.subscribe()` "
                    f"at the top of the async generator, which adds a new asyncio.Queue to the set."
                )
            app.reset_measures()
            posted = []
            for title in ("Lunch at noon", "Fire drill moved"):
                answer = await http.post(f"{base}/api/notices/", json={"title": title, "body": "x"})
                if answer.status_code != 201:
                    fail(
                        f"POST /api/notices/ answered {answer.status_code} while streams were open: {answer.text[:300]}"
                    )
                posted.append(answer.json())
            if app.stalled() > 0.15:
                _explain(app)  # fails: the loop is blocked
            for number, reader in enumerate(readers, 1):
                for notice in posted:
                    what = f"Stream {number} of {CLIENTS} (GET /events/), after POST of {notice['title']!r},"
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
            f"With settings.BOARD_KEEPALIVE = 0.3, a quiet stream sent {text[-200:]!r} in 1.2 s: no keep-alive "
            f"comments. Wait for the next notice at most BOARD_KEEPALIVE seconds (`async with "
            f"asyncio.timeout(settings.BOARD_KEEPALIVE):`, read when the stream runs) and send "
            f"`: keep-alive\\n\\n` when nothing came: proxies and browsers close connections that stay silent."
        )

    app = RecordingApp(ASGIHandler(), heartbeat=True)
    with serve_django(app) as base:
        try:
            run_async(scenario(base), within=8, what="The event streams")
        except Exception:  # a failed check, or the client's own timeout
            _explain(app)
            raise
    _explain(app)


def _explain(app: RecordingApp) -> None:
    """The likely cause of a failure (or of a success with a blocked loop): blocking, or a missing await."""
    stalled = app.stalled()
    if stalled > 0.15:
        fail(
            f"Something blocked uvicorn's event loop for {stalled * 1000:.0f} ms while the streams were open. "
            f"Every stream and request of the server shares that loop: no `time.sleep` in the generator; "
            f"wait with `await queue.get()` (inside `asyncio.timeout`) instead."
        )
    for error in app.errors:
        if "'async_generator' object is not iterable" in error:
            fail(
                f"A stream crashed with a TypeError inside your async generator, which Django hid: "
                f"StreamingHttpResponse takes any TypeError during `async for` as a sign of a SYNC iterator and "
                f"retries with `list()`, which then fails ({error}). The usual TypeError there is a coroutine "
                f"used as a value: `queue.get()` only creates a coroutine, the message comes out of "
                f"`await queue.get()`. Did you forget `await`?"
            )
        if "coroutine" in error:
            fail(
                f"A stream crashed: {error}. A coroutine turned up where a value was expected: `queue.get()` "
                f"only creates a coroutine; the message comes out of `await queue.get()`. Did you forget `await`?"
            )


def _check_event(event: Any, notice: dict[str, Any], what: str) -> None:
    if event.event != "notice":
        fail(f"{what} got an event of type {event.event!r}; send `event: notice` before the data line.")
    if event.id != str(notice["id"]):
        fail(
            f"{what} got an event with id {event.id!r}; expected the notice's id, {notice['id']} (`id: <pk>`): "
            f"a browser sends the last id back as Last-Event-ID when it reconnects."
        )
    try:
        data = json.loads(event.data)
    except ValueError:
        fail(f"{what} got data {event.data[:200]!r}, which is not JSON. Send `data: {{json.dumps(notice.to_json())}}`.")
    if data != notice:
        fail(f"{what} got data {data!r}; expected the notice as the API gives it, `notice.to_json()`: {notice!r}.")
