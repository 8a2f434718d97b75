"""Checks for lesson 16, step 4 `step4_live/middleware.py`, and the whole board END TO END: uvicorn on
127.0.0.1, the page, three live event streams, a POST and a feed refresh, the middleware on every response."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import time
from typing import Any

import httpx

from tutor.checkkit import (
    EventStreamReader,
    RecordingApp,
    _,
    adapted_handlers,
    describe_error,
    django_project,
    fail,
    load_exercise,
    ngettext,
    run_async,
    serve_django,
)

CLIENTS = 3
FEEDS = ["/fake-feeds/alpha.json", "/fake-feeds/beta.json"]  # the project's own fake feeds, the fast ones


def _middleware() -> Any:
    """The project on its own database, then the learner's middleware.py."""
    django_project()
    module = load_exercise()
    if not callable(getattr(module, "BoardMiddleware", None)):
        fail(_("middleware.py has no `BoardMiddleware`: settings.MIDDLEWARE names `middleware.BoardMiddleware`."))
    if not isinstance(getattr(module, "stats", None), dict) or "open_streams" not in module.stats:
        fail(_('Keep `stats = {"open_streams": 0}` in middleware.py: GET /api/status/ and the check read it.'))
    return module


async def _until(condition: Any, within: float) -> bool:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


def test_async_only_and_marked() -> None:
    """BoardMiddleware is async-only, and each instance is marked as a coroutine function"""
    from asgiref.sync import iscoroutinefunction

    factory = _middleware().BoardMiddleware
    if not getattr(factory, "async_capable", False) or getattr(factory, "sync_capable", True):
        fail(
            _(
                "`BoardMiddleware` is not flagged async-only: Django reads `async_capable` (default "
                "False) and `sync_capable` (default True) from it, so without flags it counts as "
                "SYNC-only and, under ASGI, every request hops to a worker thread to run it. Set the "
                "class attributes `async_capable = True` and `sync_capable = False`."
            )
        )

    async def async_get_response(request: Any) -> Any:
        return None

    instance = factory(async_get_response)
    if not iscoroutinefunction(instance):
        fail(
            _(
                "An instance of `BoardMiddleware` does not look like a coroutine function: an `async "
                "def __call__` is not enough, because `iscoroutinefunction(instance)` looks at the "
                "instance. CommonMiddleware, just above yours, asks exactly that, takes you for sync "
                "code, calls you without `await` and gets a coroutine instead of a response. In "
                "`__init__`: `if iscoroutinefunction(get_response): markcoroutinefunction(self)` "
                "(both from asgiref.sync)."
            )
        )


def test_end_to_end() -> None:
    """end to end under uvicorn: the page, 3 live streams get a POSTed notice and a feed refresh, headers, cleanup"""
    module = _middleware()
    from django.core.handlers.asgi import ASGIHandler
    from django.test import override_settings

    stats = module.stats
    import stream

    subscribers = stream.broker.subscribers

    async def scenario(base: str) -> None:
        async with httpx.AsyncClient(timeout=httpx.Timeout(3.0), trust_env=False) as http:
            page = await http.get(f"{base}/")
            _headers(page, "GET /", timing=True)
            if page.status_code != 200 or "EventSource" not in page.text:
                fail(
                    _(
                        "GET / answered {status_code} without the live page (no `EventSource` in it): {body!r}",
                        status_code=page.status_code,
                        body=page.text[:200],
                    )
                )
            async with contextlib.AsyncExitStack() as open_streams:
                responses = [
                    await open_streams.enter_async_context(http.stream("GET", f"{base}/events/"))
                    for _client in range(CLIENTS)
                ]
                for response in responses:
                    _headers(response, "GET /events/", timing=False)
                readers = [EventStreamReader(r.aiter_bytes()) for r in responses]
                if not await _until(lambda: len(subscribers) >= CLIENTS or bool(app.errors), 2) or app.errors:
                    fail(
                        _(
                            "{clients} streams were opened, but the board's broker saw {seen} of them in 2 s.",
                            clients=CLIENTS,
                            seen=len(subscribers),
                        )
                    )
                if not await _until(lambda: stats["open_streams"] == CLIENTS, 1):
                    fail(
                        _(
                            '{clients} event streams are open, but `stats["open_streams"]` is '
                            "{count}. For a streaming response, wrap it: `response.streaming_content "
                            "= counted(response.streaming_content)`, where `counted` is an async "
                            "generator that adds 1 before its `async for chunk in content: yield "
                            "chunk` loop and subtracts 1 in a `finally:`.",
                            clients=CLIENTS,
                            count=stats["open_streams"],
                        )
                    )
                app.reset_measures()
                posted = await http.post(f"{base}/api/notices/", json={"title": "Board is live"})
                _headers(posted, "POST /api/notices/", timing=True)
                if posted.status_code != 201:
                    fail(
                        _(
                            "POST /api/notices/ answered {status_code}: {body}",
                            status_code=posted.status_code,
                            body=posted.text[:300],
                        )
                    )
                expected = [posted.json()]
                for number, reader in enumerate(readers, 1):
                    what = _(
                        "Stream {number} (GET /events/, still open), after POST /api/notices/,",
                        number=number,
                    )
                    _same(await reader.next_event(within=2, what=what), expected[0], what)
                refresh = await http.post(f"{base}/api/refresh/")
                _headers(refresh, "POST /api/refresh/", timing=True)
                new = refresh.json().get("new") if refresh.status_code == 200 else None
                if not isinstance(new, int) or new < 1:
                    fail(
                        _(
                            "POST /api/refresh/ answered {status_code} {body}; expected new notices.",
                            status_code=refresh.status_code,
                            body=refresh.text[:200],
                        )
                    )
                listed = (await http.get(f"{base}/api/notices/")).json()["notices"]
                fresh = sorted((n for n in listed if n["source"] != "local"), key=lambda n: n["id"])[:new]
                for number, reader in enumerate(readers, 1):
                    for notice in fresh:
                        what = _(
                            "Stream {number}, after POST /api/refresh/ (notice {pk}),",
                            number=number,
                            pk=notice["id"],
                        )
                        _same(await reader.next_event(within=2, what=what), notice, what)
            # every stream closed by the client now
            if not await _until(lambda: stats["open_streams"] == 0 and not subscribers, 2):
                fail(
                    ngettext(
                        (
                            'The clients closed their streams, but 2 s later `stats["open_streams"]` is '
                            "{count} (and the broker holds {n} queues). Count down in a `finally:` of "
                            "your wrapping generator: a disconnect cancels it (CancelledError)."
                        ),
                        (
                            'The clients closed their streams, but 2 s later `stats["open_streams"]` is '
                            "{count} (and the broker holds {n} queues). Count down in a `finally:` of "
                            "your wrapping generator: a disconnect cancels it (CancelledError)."
                        ),
                        len(subscribers),
                        count=stats["open_streams"],
                    )
                )

    from django.core.signals import got_request_exception

    got_request_exception.connect(_record_crash)
    with override_settings(BOARD_FEEDS=FEEDS), adapted_handlers() as adapted:
        app = RecordingApp(ASGIHandler(), heartbeat=True)  # builds the middleware chain inside adapted_handlers
        with serve_django(app) as base:
            try:
                run_async(scenario(base), within=10, what=_("The end-to-end run"))
            except Exception:
                _explain(app)
                raise
        _explain(app)
    if adapted:
        fail(
            _(
                "Django adapted a middleware with a thread hop; it logged: {logged!r}. Every request "
                "then leaves the event loop for a worker thread and back. Flag BoardMiddleware "
                "`async_capable = True`, `sync_capable = False`, and give it an `async def __call__`.",
                logged=adapted[0],
            )
        )


CRASHES: list[str] = []  # errors Django turned into 500 responses (it sends got_request_exception for each)


def _record_crash(sender: Any, request: Any = None, **kwargs: Any) -> None:
    error = sys.exc_info()[1]
    if error is not None:
        CRASHES.append(describe_error(error))


def _explain(app: RecordingApp) -> None:
    stalled = app.stalled()
    if stalled > 0.15:
        fail(
            _(
                "Something blocked uvicorn's event loop for {ms:.0f} ms during the run. Your "
                "middleware runs on that loop for every request and stream: no `time.sleep`, no sync "
                "file or network calls in it.",
                ms=stalled * 1000,
            )
        )
    for error in [*CRASHES, *app.errors]:
        if "has no `content` attribute" in error:
            fail(
                _(
                    "GET /events/ crashed in your middleware: {error}. A StreamingHttpResponse has "
                    "no `.content`: its body does not exist yet, and for an event stream it never "
                    "ends. Check `response.streaming` and leave the body alone (or wrap "
                    "`response.streaming_content` in an async generator).",
                    error=error,
                )
            )
        if "coroutine" in error:
            fail(
                _(
                    "A request crashed in your middleware: {error}. A coroutine was used as a "
                    "response: `self.get_response(request)` only creates a coroutine in an async "
                    "middleware; the response comes out of `await self.get_response(request)`. Did "
                    "you forget `await`?",
                    error=error,
                )
            )
        if "'NoneType' object has no attribute" in error or "didn't return an HttpResponse" in error:
            fail(
                _(
                    "A request failed: {error}. Your middleware must return the response it got from "
                    "`await self.get_response(request)` (after adding its headers), for every "
                    "request.",
                    error=error,
                )
            )


def _headers(response: Any, what: str, *, timing: bool) -> None:
    request_id = response.headers.get("X-Request-ID", "")
    if len(request_id) < 16:
        fail(
            _(
                "{what} answered without a proper `X-Request-ID` header (got {request_id!r}). Your "
                'middleware sets it on EVERY response: `response["X-Request-ID"] = uuid.uuid4().hex`.',
                what=what,
                request_id=request_id,
            )
        )
    if timing and not response.headers.get("Server-Timing", "").startswith("app;dur="):
        fail(
            _(
                "{what} answered without `Server-Timing: app;dur=<ms>` (got {got!r}). Set it on "
                "ordinary (non-streaming) responses.",
                what=what,
                got=response.headers.get("Server-Timing"),
            )
        )


def _same(event: Any, notice: dict[str, Any], what: str) -> None:
    if event.event != "notice" or event.id != str(notice["id"]):
        fail(
            _(
                "{what} got event {event!r} with id {got!r}; expected `notice` with id {pk}.",
                what=what,
                event=event.event,
                got=event.id,
                pk=notice["id"],
            )
        )
    if json.loads(event.data) != notice:
        fail(
            _(
                "{what} got {data!r}; expected {notice!r}.",
                what=what,
                data=event.data[:200],
                notice=notice,
            )
        )
