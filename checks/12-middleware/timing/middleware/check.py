"""Checks for lesson 12, exercise `timing/middleware.py`: a function middleware that works in both
modes and adds `Server-Timing: app;dur=<ms>`, under AsyncClient, the sync test client and uvicorn."""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
import time
import traceback
import types
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from tutor.checkkit import (
    InFlight,
    LoopHeartbeat,
    RecordingApp,
    Stopwatch,
    _,
    adapted_handlers,
    describe_error,
    django_project,
    fail,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    run_async,
    run_django,
    serve_django,
)

MIDDLEWARE = "middleware.timing_middleware"
URLCONF = "tutor_check_timing_urls"
ASYNC_MS = 200  # what the check's async view waits
SYNC_MS = 100  # what the check's sync view sleeps (fine in a sync view: it has a thread of its own)
SERVER_MS = 300  # what each of the concurrent requests waits under uvicorn
CONCURRENT = 10
BLOCKED = 0.15  # a stall of the event loop above this means something blocked it

in_flight = InFlight()  # requests inside the async view at once


# --- the check's own views: they measure what the learner's middleware does around them ---------------
async def wait_view(request: Any) -> Any:
    from django.http import HttpResponse

    async with in_flight:
        await asyncio.sleep(int(request.GET.get("ms", ASYNC_MS)) / 1000)
    return HttpResponse("waited\n", content_type="text/plain")


def sync_view(request: Any) -> Any:
    from django.http import HttpResponse

    time.sleep(SYNC_MS / 1000)
    return HttpResponse(f"sync view on {threading.current_thread().name}\n", content_type="text/plain")


def _setup() -> Any:
    """The project on a fresh database, the check's URLconf installed, and the learner's factory."""
    django_project()
    if URLCONF not in sys.modules:
        from django.urls import path

        urls = types.ModuleType(URLCONF)
        urls.urlpatterns = [path("wait/", wait_view), path("sync/", sync_view)]  # type: ignore[attr-defined]
        sys.modules[URLCONF] = urls
    module = load_exercise()
    factory = getattr(module, "timing_middleware", None)
    if factory is None:
        fail(
            _(
                "middleware.py has no `timing_middleware`. settings.py lists `middleware.timing_middleware` in "
                "MIDDLEWARE, so keep that name: a function that takes `get_response` and returns the middleware."
            )
        )
    if not callable(factory):
        kind = type(factory).__name__
        fail(_("`timing_middleware` should be a middleware factory (a function or a class), not a {kind}.", kind=kind))
    return factory


@contextmanager
def _stack() -> Iterator[list[str]]:
    """Only the learner's middleware in MIDDLEWARE, the check's views, and Django's "adapted" log collected."""
    from django.test import override_settings

    with override_settings(MIDDLEWARE=[MIDDLEWARE], ROOT_URLCONF=URLCONF), adapted_handlers() as adapted:
        yield adapted


def _in_mode(mode: str) -> str:
    """The words for where the middleware ran ("in sync mode"...), in the learner's language."""
    if mode == "sync":
        return _("in sync mode")
    if mode == "async":
        return _("in async mode")
    return _("in async (uvicorn) mode")


def _crash_message(exc: BaseException, mode: str) -> str | None:
    """A teaching message for the usual crashes of a half-async middleware (None for other errors)."""
    text = str(exc)
    where = describe_error(exc)
    if "coroutine" in text and isinstance(exc, (TypeError, AttributeError)) and mode == "sync":
        return _(
            "Your middleware crashed in sync mode: {where}. Django called your middleware (sync, as under "
            "WSGI) and got a coroutine back instead of a response: an `async def` middleware only makes a "
            "coroutine when called. When `get_response` is not a coroutine function, return a plain `def` "
            "middleware that calls `get_response(request)` without `await`.",
            where=where,
        )
    if "coroutine" in text and isinstance(exc, (TypeError, AttributeError)):
        return _(
            "Your middleware crashed {in_mode}: {where}. It treated a coroutine as a response: in "
            "async mode `get_response(request)` only creates a coroutine, and the response comes out of "
            "`await get_response(request)`. Did you forget `await` (or return a plain `def` middleware "
            "although `get_response` was async)?",
            in_mode=_in_mode(mode),
            where=where,
        )
    if "can't be used in 'await' expression" in text or "sync_to_async can only be applied" in text:
        return _(
            "Your middleware crashed {in_mode}: {where}. An `async def` middleware was handed a sync "
            "`get_response` (whose result cannot be awaited), or a plain one an async one. Django decides "
            "which kind to give you from the factory's flags: mark it with `@sync_and_async_middleware` "
            "and return an `async def` middleware only when `iscoroutinefunction(get_response)` is true.",
            in_mode=_in_mode(mode),
            where=where,
        )
    return None


@contextmanager
def _explained(mode: str) -> Iterator[None]:
    """Run requests through the learner's middleware; its typical crashes become teaching failures."""
    try:
        with no_unawaited_coroutines():
            yield
    except Exception as exc:
        message = _crash_message(exc, mode)
        if message is None:
            raise
        # The crashed request left a coroutine behind: drop it now, quietly (the message explains it),
        # so its "never awaited" warning does not land on a later check.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            traceback.clear_frames(exc.__traceback__)
            if isinstance(exc, AttributeError):
                exc.obj = None  # the coroutine the attribute was looked up on
            gc.collect()
        fail(message)


def _duration(response: Any, mode: str, at_least_ms: int) -> float:
    """The `dur` of the `app` metric in Server-Timing, checked against what the view took."""
    header = response.headers.get("Server-Timing")
    if header is None:
        in_mode = _in_mode(mode)
        fail(
            _(
                "{In_mode} the response has no `Server-Timing` header. Set it on the response that "
                "`get_response` gave you, before returning it: "
                '`response["Server-Timing"] = f"app;dur={{elapsed_ms:.1f}}"`.',
                In_mode=in_mode[:1].upper() + in_mode[1:],
            )
        )
    duration = None
    for metric in header.split(","):
        name, *params = (part.strip() for part in metric.split(";"))
        if name != "app":
            continue
        for param in params:
            key, _sep, value = param.partition("=")
            if key.strip() == "dur":
                try:
                    duration = float(value.strip().strip('"'))
                except ValueError:
                    duration = None
    if duration is None:
        fail(
            _(
                "The Server-Timing header is {header!r}; expected a metric named `app` with a `dur` in "
                "milliseconds, like `app;dur=201.3` (name, semicolon, `dur=`, a number).",
                header=header,
            )
        )
    if at_least_ms * 0.0009 <= duration <= at_least_ms * 0.01:
        fail(
            _(
                "Server-Timing says `app;dur={duration:g}` for a view that took {at_least_ms} ms: that is the "
                "time in seconds. `dur` is in milliseconds: multiply `time.perf_counter()` differences by 1000.",
                duration=duration,
                at_least_ms=at_least_ms,
            )
        )
    if duration < at_least_ms * 0.9:
        fail(
            _(
                "Server-Timing says `app;dur={duration:g}`, but the view alone took {at_least_ms} ms {in_mode}. "
                "Read the clock before calling `get_response` and again after it returned (after the "
                "`await`, in async mode): the duration is the difference.",
                duration=duration,
                at_least_ms=at_least_ms,
                in_mode=_in_mode(mode),
            )
        )
    if duration > at_least_ms + 3000:
        fail(
            _(
                "Server-Timing says `app;dur={duration:g}` for a view that took {at_least_ms} ms. `dur` is the "
                "difference of two `time.perf_counter()` readings, in milliseconds, not a clock reading itself.",
                duration=duration,
                at_least_ms=at_least_ms,
            )
        )
    return duration


# --- the checks -----------------------------------------------------------------------------


def test_marked_for_both_modes() -> None:
    """timing_middleware is marked for both modes: sync_capable and async_capable"""
    factory = _setup()
    can_sync = getattr(factory, "sync_capable", True)
    can_async = getattr(factory, "async_capable", False)
    if not can_async and can_sync:
        fail(
            _(
                "`timing_middleware` has no `async_capable = True`, so Django treats it as sync-only (its "
                "default: sync_capable=True, async_capable=False). In an async stack (ASGI) Django then adapts "
                "it, and every request hops from the event loop to a worker thread and back. Decorate the "
                "factory with `@sync_and_async_middleware` (from django.utils.decorators)."
            )
        )
    if not can_sync:
        fail(
            _(
                "`timing_middleware` is marked `sync_capable = False` (`@async_only_middleware`): under WSGI, "
                "or with django.test.Client, Django must wrap it in async_to_sync, starting an event loop for "
                "every request. This exercise asks for both modes: use `@sync_and_async_middleware`."
            )
        )


def test_picks_the_mode() -> None:
    """given an async get_response it returns async middleware; given a sync one, plain middleware"""
    from asgiref.sync import iscoroutinefunction

    factory = _setup()

    async def async_get_response(request: Any) -> Any:
        return None

    def sync_get_response(request: Any) -> Any:
        return None

    made_async = factory(async_get_response)
    if not iscoroutinefunction(made_async):
        fail(
            _(
                "Given an async `get_response` (Django's async stack, under ASGI), `timing_middleware` returned "
                "a plain `def` middleware. Django trusts your flags and awaits what you return, so a plain "
                "function would hand it an un-awaited coroutine. Check `iscoroutinefunction(get_response)` in "
                "the factory and return an `async def middleware(request)` that does "
                "`response = await get_response(request)`."
            )
        )
    made_sync = factory(sync_get_response)
    if iscoroutinefunction(made_sync):
        fail(
            _(
                "Given a sync `get_response` (WSGI, or django.test.Client), `timing_middleware` returned an "
                "`async def` middleware. In sync mode Django calls your middleware and expects a response back, "
                "not a coroutine. Return a plain `def middleware(request)` when `get_response` is not a "
                "coroutine function."
            )
        )


def test_async_stack() -> None:
    """under AsyncClient: Server-Timing on an async view, no thread hop, the event loop never blocked"""
    _setup()
    from django.test import AsyncClient

    async def request() -> tuple[Any, float]:
        client = AsyncClient()
        async with LoopHeartbeat() as beat:
            response = await client.get(f"/wait/?ms={ASYNC_MS}")
        return response, beat.max_gap

    with _stack() as adapted, _explained("async"):
        response, gap = run_django(request, within=4, what=_("Your middleware"))
    if adapted:
        fail(
            _(
                "Django had to adapt your middleware in an async stack; it logged: {logged!r}. That means a "
                "sync-only middleware: every request hops from the event loop to a worker thread and back "
                "(and holds that thread while the view runs). Mark the factory `@sync_and_async_middleware` "
                "and return an `async def` middleware when `get_response` is a coroutine function.",
                logged=adapted[0],
            )
        )
    if gap > BLOCKED:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms while your middleware handled one "
                "request. A blocking call such as `time.sleep()` (or a sync HTTP client, or a sync file write) "
                "inside the async middleware freezes every other request on that loop. Await instead "
                "(`await asyncio.sleep(...)`), or move the blocking call to a thread with `sync_to_async`.",
                ms=gap * 1000,
            )
        )
    if response.status_code != 200:
        fail(
            _(
                "GET /wait/ through your middleware answered {status}, expected the view's 200.",
                status=response.status_code,
            )
        )
    _duration(response, "async", ASYNC_MS)


def test_sync_stack() -> None:
    """under the sync test client (like WSGI): Server-Timing on a sync view, nothing adapted"""
    _setup()
    from django.test import Client

    with _stack() as adapted, _explained("sync"):
        response = Client().get("/sync/")
    if adapted:
        fail(
            _(
                "Django had to adapt your middleware in a sync stack (WSGI, or django.test.Client); it logged: "
                "{logged!r}. An async-only middleware there runs through async_to_sync, an event loop per "
                "request. Mark the factory `@sync_and_async_middleware` and return a plain `def` middleware "
                "when `get_response` is not a coroutine function.",
                logged=adapted[0],
            )
        )
    if response.status_code != 200:
        fail(
            _(
                "GET /sync/ through your middleware answered {status}, expected the view's 200.",
                status=response.status_code,
            )
        )
    _duration(response, "sync", SYNC_MS)


def test_concurrent_under_uvicorn() -> None:
    """served by uvicorn: 10 requests waiting 0.3 s each run at the same time, with no thread hop"""
    _setup()
    # Django's ASGIHandler, built as get_asgi_application() does, minus its django.setup(): that would
    # reconfigure logging from settings.LOGGING and drop the collector of "adapted" messages.
    from django.core.handlers.asgi import ASGIHandler

    async def scenario(base: str) -> tuple[list[Any], float]:
        async with httpx.AsyncClient(timeout=httpx.Timeout(4.0), trust_env=False) as client:
            await client.get(f"{base}/wait/?ms=1")  # warm up: the first request pays for connecting
            app.reset_measures()
            await client.get(f"{base}/wait/?ms=1")
            await asyncio.sleep(0.05)  # lets the server's heartbeat see a stall that just ended
            if app.max_gap > BLOCKED:
                return [], 0.0  # one request blocked the loop already: no need to send ten
            in_flight.peak = in_flight.current
            app.reset_measures()
            with Stopwatch() as watch:
                responses = await asyncio.gather(
                    *(client.get(f"{base}/wait/?ms={SERVER_MS}") for _request in range(CONCURRENT))
                )
            return list(responses), watch.elapsed

    with _stack() as adapted, _explained("async (uvicorn)"):
        app = RecordingApp(ASGIHandler(), heartbeat=True)  # builds the middleware chain now
        with serve_django(app) as base:
            what = ngettext("{n} request at once", "{n} requests at once", CONCURRENT)
            responses, took = run_async(scenario(base), within=8, what=what)
    if adapted:
        fail(
            _(
                "Served by uvicorn, Django adapted your middleware; it logged: {logged!r}. Each request "
                "then leaves the event loop for a worker thread and comes back. Return an `async def` "
                "middleware when `get_response` is a coroutine function, and mark the factory "
                "`@sync_and_async_middleware`.",
                logged=adapted[0],
            )
        )
    for response in responses:
        if response.status_code != 200:
            why = _(" Your app raised {error}", error=app.errors[0]) if app.errors else ""
            fail(
                _(
                    "Under uvicorn, GET /wait/ answered {status}, expected 200.{why}",
                    status=response.status_code,
                    why=why,
                )
            )
        _duration(response, "async (uvicorn)", SERVER_MS)
    if app.max_gap > BLOCKED:
        if responses:
            went_through = _(
                "Something blocked uvicorn's event loop for {ms:.0f} ms while {count} requests went through "
                "your middleware.",
                ms=app.max_gap * 1000,
                count=CONCURRENT,
            )
        else:
            went_through = _(
                "Something blocked uvicorn's event loop for {ms:.0f} ms while one request went through "
                "your middleware.",
                ms=app.max_gap * 1000,
            )
        fail(
            went_through
            + _(
                " A blocking call in async code "
                "(`time.sleep()`, a sync HTTP client, a sync file write) freezes every request on the server; "
                "await instead, or move the call to a thread with `sync_to_async`."
            )
        )
    if in_flight.peak < 2:
        fail(
            _(
                "The {count} requests sent at once reached the view one at a time ({took:.2f} s in all). "
                "While one request awaits inside the view, the others should be in it too: does your "
                "middleware hold a lock, or wait for something, around `await get_response(request)`?",
                count=CONCURRENT,
                took=took,
            )
        )
    if took >= 1.5:
        fail(
            _(
                "{count} requests of {ms} ms each took {took:.2f} s together through your middleware; "
                "side by side they take about {secs:.1f} s. Is something in the middleware waiting "
                "or blocking?",
                count=CONCURRENT,
                ms=SERVER_MS,
                took=took,
                secs=SERVER_MS / 1000,
            )
        )
