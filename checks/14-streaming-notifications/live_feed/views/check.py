"""Checks for lesson 14, exercise `live_feed/views.py`: Server-Sent Events fed by an in-process broker,
served for real by uvicorn to several clients, with keep-alives and clean-up when a client leaves."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import sys
import traceback
import warnings
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import httpx

from tutor.checkkit import (
    CheckFailure,
    EventStreamReader,
    RecordingApp,
    _,
    describe_error,
    django_project,
    explain_django_errors,
    fail,
    load_exercise,
    require_async_view,
    run_async,
    serve_django,
)

CLIENTS = 3
EVENTS = [{"id": 41, "text": "build started"}, {"id": 42, "text": "tests passed"}, {"id": 43, "text": "deployed"}]
BLOCKED = 0.2  # a stall of the server's event loop above this (in seconds) means something blocked it
SYNC_WARNING = "must consume synchronous iterators"


@dataclass
class Seen:
    """What the clients saw; a failure inside the scenario is kept for later, when the server is stopped."""

    failure: CheckFailure | None = None
    statuses: list[int] = field(default_factory=list)
    headers: list[httpx.Headers] = field(default_factory=list)
    subscribed: int = 0
    left_behind: int = 0  # subscriptions still there 2 s after every client left
    active_after: int = 0  # requests still running in the server then
    comments: list[str] = field(default_factory=list)
    unawaited: list[str] = field(default_factory=list)  # "coroutine ... was never awaited" warnings
    crashes: list[str] = field(default_factory=list)  # errors escaping the app, each with its context


class _StreamStopped(Exception):
    """Raised in a stream that outlived its test, so the server can stop at once (not your mistake)."""


class _StoppableQueue(asyncio.Queue):  # type: ignore[type-arg]
    """The class the check gives every queue `broker.subscribe()` makes: at the end of a test, a stream still
    waiting on (or polling) its queue gets `_StreamStopped` and ends, even one that swallows cancellation."""

    stopped = False

    async def get(self) -> Any:
        item = await super().get()
        if item is _STOP or self.stopped:
            raise _StreamStopped("the check stopped this stream")
        return item

    def get_nowait(self) -> Any:
        if self.stopped:
            raise _StreamStopped("the check stopped this stream")
        return super().get_nowait()

    def empty(self) -> bool:
        return False if self.stopped else super().empty()


_STOP = object()
_queues: list[tuple[_StoppableQueue, asyncio.AbstractEventLoop]] = []


class _Crashes:
    """Wraps the ASGI app: records each exception escaping it with the exceptions it happened during."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.chains: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            # Every exception it happened during, exception groups included (Django 6.x uses a TaskGroup).
            self.chains.append(describe_error(exc) + " <- " + "".join(traceback.format_exception(exc))[-3000:])
            raise


# --- helpers (local to this check) --------------------------------------------------------


def _views() -> ModuleType:
    """The project set up on a database of its own, then the learner's views.py."""
    django_project()
    with explain_django_errors("views.py"):
        return load_exercise()


def _broker() -> Any:
    """broker.py, its `subscribe` wrapped so that the check can stop leftover streams."""
    _views()
    broker = sys.modules["broker"]
    if not getattr(broker.subscribe, "stoppable", False):
        original = broker.subscribe

        def subscribe() -> Any:
            queue = original()
            if type(queue) is asyncio.Queue:
                queue.__class__ = _StoppableQueue
                _queues.append((queue, asyncio.get_running_loop()))
            return queue

        subscribe.stoppable = True  # type: ignore[attr-defined]
        broker.subscribe = subscribe
    return broker


def _stop_streams() -> None:
    """End every stream still running: a swallowed cancellation or a blocked loop would keep the server up."""
    for queue, loop in _queues:
        queue.stopped = True
        with contextlib.suppress(RuntimeError):  # the loop is closed already
            loop.call_soon_threadsafe(_put_stop, queue)
    _queues.clear()


def _put_stop(queue: asyncio.Queue) -> None:  # type: ignore[type-arg]
    with contextlib.suppress(asyncio.QueueFull):
        queue.put_nowait(_STOP)


async def _until(condition: Any, within: float, watch: RecordingApp) -> bool:
    """Wait (without blocking) until `condition()` holds; False after `within` s or when the server is stuck."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline or watch.stalled() > 0.5:
            return False
        await asyncio.sleep(0.01)
    return True


async def _open_streams(
    stack: contextlib.AsyncExitStack, base: str, count: int, seen: Seen, watch: RecordingApp
) -> list[Any]:
    """`count` responses of GET /events/, open until the stack closes (then the clients leave)."""
    client = await stack.enter_async_context(httpx.AsyncClient(timeout=5, trust_env=False))
    responses = []
    for _stream in range(count):
        opening = asyncio.ensure_future(stack.enter_async_context(client.stream("GET", f"{base}/events/")))
        if not await _done(opening, watch):
            break  # the server's loop is blocked: no answer will come
        response = opening.result()
        seen.statuses.append(response.status_code)
        seen.headers.append(response.headers)
        responses.append(response)
    return responses


async def _done(task: asyncio.Future[Any], watch: RecordingApp, within: float = 2.0) -> bool:
    """Wait for `task` up to `within` s, giving up (and cancelling it) as soon as the server's loop is stuck
    or your stream crashed: no answer will come then."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not task.done():
        if loop.time() > deadline or watch.stalled() > 0.5 or watch.errors:
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
            return False
        await asyncio.wait({task}, timeout=0.05)
    return True


def _serve(scenario: Any, within: float = 8.0) -> tuple[Seen, RecordingApp, list[str], float]:
    """Run `scenario(base, watch, seen)` against the project under uvicorn; collect what went wrong."""
    from django.core.handlers.asgi import ASGIHandler

    crashes = _Crashes(ASGIHandler())
    watch = RecordingApp(crashes, heartbeat=True)
    seen = Seen()

    async def guarded(base: str) -> None:
        try:
            await scenario(base, watch, seen)
        except CheckFailure as failure:
            seen.failure = failure
        except httpx.HTTPError as exc:
            seen.failure = CheckFailure(
                _("GET /events/ broke off ({error}: {text}).", error=type(exc).__name__, text=exc)
            )

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with serve_django(watch) as base:
            try:
                run_async(guarded(base), within=within, what=_("Talking to your event stream"))
                stalled = watch.stalled()  # while the server still runs: its heartbeat stops with it
            finally:
                _stop_streams()
        gc.collect()  # a dropped coroutine warns "never awaited" when it is collected: while we still listen
    seen.crashes = [chain for chain in crashes.chains if "_StreamStopped" not in chain]
    warned = [str(w.message) for w in caught if SYNC_WARNING in str(w.message)]
    seen.unawaited = [str(w.message) for w in caught if "was never awaited" in str(w.message)]
    return seen, watch, warned, stalled


def _judge_serving(seen: Seen, watch: RecordingApp, warned: list[str], stalled: float) -> None:
    unawaited = seen.unawaited
    """The failures that explain everything after them: a sync generator, an error, a blocked loop."""
    if any("coroutine" in chain for chain in seen.crashes) or any("never awaited" in text for text in unawaited):
        fail(
            _(
                "Your stream used a coroutine object where an event was expected: `queue.get()` only creates a "
                "coroutine; the event comes out of `event = await queue.get()`. Did you forget `await`? (A TypeError "
                'inside an async streaming generator also makes Django warn, misleadingly, that it "must consume '
                'synchronous iterators": its `__aiter__` catches TypeError to detect a sync iterator.)'
            )
        )
    if warned:
        fail(
            _(
                'Django warned: "{warning}" `event_stream` is a plain generator, so under ASGI Django collects '
                "it in a thread before sending anything, and an endless stream never ends: no event ever reaches "
                "the client. Write it as an async generator (`async def event_stream():` with `yield`), awaiting "
                "`queue.get()`.",
                warning=warned[0],
            )
        )
    if stalled > BLOCKED:
        fail(
            _(
                "Something blocked the server's event loop for {ms:.0f} ms: while one stream waited, "
                "no other client could connect and no event could be delivered. Polling the queue with "
                "`time.sleep()` (or any blocking call) inside an async generator freezes the whole server. Wait "
                "with `await queue.get()`, inside `asyncio.timeout(KEEPALIVE)` for the keep-alive.",
                ms=stalled * 1000,
            )
        )
    if seen.crashes:
        fail(_("Your stream crashed while serving: {error}.", error=seen.crashes[0]))


def _judge_headers(seen: Seen) -> None:
    if seen.statuses and seen.statuses[0] != 200:
        fail(_("GET /events/ answered {status}; expected 200.", status=seen.statuses[0]))
    if seen.headers:
        content_type = seen.headers[0].get("content-type", "")
        if not content_type.startswith("text/event-stream"):
            fail(
                _(
                    "GET /events/ answered with content-type {content_type!r}. A browser's EventSource only "
                    'accepts `text/event-stream`: `StreamingHttpResponse(event_stream(), content_type="text/event-'
                    'stream")`.',
                    content_type=content_type,
                )
            )
        cache = seen.headers[0].get("cache-control", "")
        if "no-cache" not in cache:
            fail(
                _(
                    "GET /events/ sent Cache-Control: {cache!r}. An event stream must not be stored by a cache on "
                    'the way: set `response["Cache-Control"] = "no-cache"`.',
                    cache=cache,
                )
            )


# --- the checks -----------------------------------------------------------------------------


def test_view_is_async() -> None:
    """events is an `async def` view"""
    view = getattr(_views(), "events", None)
    if view is None:
        fail(_("views.py has no `events`: urls.py routes /events/ to it. Keep the name."))
    require_async_view(view, "events")


def test_three_clients_get_every_event() -> None:
    """three clients at once each get every published event, in order, with its id; leaving unsubscribes"""
    broker = _broker()
    _views().KEEPALIVE = 10.0  # no keep-alives in this test

    async def scenario(base: str, watch: RecordingApp, seen: Seen) -> None:
        async with contextlib.AsyncExitStack() as stack:
            responses = await _open_streams(stack, base, CLIENTS, seen, watch)
            readers = [EventStreamReader(response.aiter_bytes()) for response in responses]
            if not await _until(lambda: broker.subscriber_count() >= CLIENTS, 2.0, watch):
                seen.subscribed = broker.subscriber_count()
                return
            seen.subscribed = broker.subscriber_count()
            for event in EVENTS:
                broker.publish(event)
            for number, reader in enumerate(readers, start=1):
                for event in EVENTS:
                    what = _("Client {number}'s GET /events/", number=number)
                    reading = asyncio.ensure_future(reader.next_event(within=2, what=what))
                    if not await _done(reading, watch, within=3):
                        return  # the stream crashed: judged after the server stopped
                    _compare(reading.result(), event, number)
        # Every client has gone: each stream must notice and unsubscribe.
        await _until(lambda: broker.subscriber_count() == 0, 2.0, watch)
        seen.left_behind = broker.subscriber_count()
        seen.active_after = watch.active

    seen, watch, warned, stalled = _serve(scenario)
    _judge_serving(seen, watch, warned, stalled)
    _judge_headers(seen)
    if seen.failure is None and seen.subscribed < CLIENTS:
        fail(
            _(
                "{clients} clients opened GET /events/, but after 2 s only {subscribed} stream(s) had "
                "subscribed to the broker. `event_stream` must call `broker.subscribe()` and then wait on the queue "
                "it returns.",
                clients=CLIENTS,
                subscribed=seen.subscribed,
            )
        )
    if seen.failure is not None:
        raise seen.failure
    if seen.left_behind and seen.active_after:
        fail(
            _(
                "The clients left, Django cancelled their streams, and {count} of them kept running "
                "(still subscribed 2 s later). Your generator swallowed the cancellation: an `except "
                "asyncio.CancelledError:` (or a bare `except:`) that goes on looping. Since Django 5.0 a client "
                "disconnect raises CancelledError at the stream's `await`: clean up in `finally:` and let it "
                "propagate.",
                count=seen.active_after,
            )
        )
    if seen.left_behind:
        fail(
            _(
                "The clients left and their streams ended, but {count} subscription(s) stayed in the "
                "broker: the stream never noticed its client disconnect. When the client goes, Django cancels the "
                "stream at its `await`, so code after the loop never runs. Put `broker.unsubscribe(queue)` in a "
                "`finally:` around the loop.",
                count=seen.left_behind,
            )
        )


def _compare(got: Any, event: dict[str, Any], number: int) -> None:
    what = _("Client {number}", number=number)
    try:
        data = json.loads(got.data)
    except ValueError:
        fail(
            _(
                "{what} got an event whose data is {data!r}, which is not JSON; expected {expected!r}. "
                "Send `data: {{json.dumps(event)}}`.",
                what=what,
                data=got.data,
                expected=json.dumps(event),
            )
        )
    if data != event:
        fail(
            _(
                "{what} got the event {data!r}; expected {event!r} (events in the order they were published).",
                what=what,
                data=data,
                event=event,
            )
        )
    if got.id != str(event["id"]):
        fail(
            _(
                "{what} got event {number} with id {got!r}; expected {expected!r}. Start each event "
                "with `id: <event id>`, so a browser that reconnects can send it back as Last-Event-ID.",
                what=what,
                number=event["id"],
                got=got.id,
                expected=str(event["id"]),
            )
        )


def test_keepalive_when_idle() -> None:
    """with nothing published, the stream sends a keep-alive comment every KEEPALIVE seconds and stays open"""
    broker = _broker()
    _views().KEEPALIVE = 0.2

    async def scenario(base: str, watch: RecordingApp, seen: Seen) -> None:
        async with contextlib.AsyncExitStack() as stack:
            (response,) = await _open_streams(stack, base, 1, seen, watch)
            if not await _until(lambda: broker.subscriber_count() >= 1, 2.0, watch):
                seen.subscribed = broker.subscriber_count()
                return
            seen.subscribed = 1
            chunks = response.aiter_bytes()
            received = ""
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 2.0
            while len(seen.comments) < 2 and loop.time() < deadline:
                reading = asyncio.ensure_future(anext(chunks))
                if not await _done(reading, watch, deadline - loop.time()):
                    break
                try:
                    chunk = reading.result()
                except StopAsyncIteration:
                    seen.failure = CheckFailure(
                        _(
                            "GET /events/ ended after {received!r} while nothing was published. An event stream "
                            "stays open: after a keep-alive, go back to waiting for the queue (`continue`), do "
                            "not return.",
                            received=received,
                        )
                    )
                    break
                received += chunk.decode("utf-8", "replace")
                seen.comments = [line for line in received.splitlines() if line.startswith(":")]

    seen, watch, warned, stalled = _serve(scenario)
    _judge_serving(seen, watch, warned, stalled)
    if seen.failure is not None:
        raise seen.failure
    if seen.subscribed < 1:
        fail(_("GET /events/ never subscribed to the broker within 2 s: call `broker.subscribe()` in `event_stream`."))
    if len(seen.comments) < 2:
        fail(
            _(
                "With KEEPALIVE set to 0.2 s and no events, the stream sent {count} comment line(s) in "
                "2 s; expected one every 0.2 s. Proxies and load balancers close connections that stay silent "
                "(often after 60 s): wait for the queue with a time limit, `async with asyncio.timeout(KEEPALIVE):`, "
                'and on TimeoutError yield ": keep-alive\\n\\n" (a line starting with a colon is a comment, which '
                "browsers ignore), then keep looping.",
                count=len(seen.comments),
            )
        )
