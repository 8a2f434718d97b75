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
    adapted_handlers,
    describe_error,
    django_project,
    fail,
    load_exercise,
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
            "middleware.py has no `timing_middleware`. settings.py lists `middleware.timing_middleware` in "
            "MIDDLEWARE, so keep that name: a function that takes `get_response` and returns the middleware."
        )
    if not callable(factory):
        kind = type(factory).__name__
        fail(f"`timing_middleware` should be a middleware factory (a function or a class), not a {kind}.")
    return factory


@contextmanager
def _stack() -> Iterator[list[str]]:
    """Only the learner's middleware in MIDDLEWARE, the check's views, and Django's "adapted" log collected."""
    from django.test import override_settings

    with override_settings(MIDDLEWARE=[MIDDLEWARE], ROOT_URLCONF=URLCONF), adapted_handlers() as adapted:
        yield adapted


def _crash_message(exc: BaseException, mode: str) -> str | None:
    """A teaching message for the usual crashes of a half-async middleware (None for other errors)."""
    text = str(exc)
    where = describe_error(exc)
    if "coroutine" in text and isinstance(exc, (TypeError, AttributeError)) and mode == "sync":
        return (
            f"Your middleware crashed in sync mode: {where}. Django called your middleware (sync, as under "
            f"WSGI) and got a coroutine back instead of a response: an `async def` middleware only makes a "
            f"coroutine when called. When `get_response` is not a coroutine function, return a plain `def` "
            f"middleware that calls `get_response(request)` without `await`."
        )
    if "coroutine" in text and isinstance(exc, (TypeError, AttributeError)):
        return (
            f"Your middleware crashed in {mode} mode: {where}. It treated a coroutine as a response: in "
            f"async mode `get_response(request)` only creates a coroutine, and the response comes out of "
            f"`await get_response(request)`. Did you forget `await` (or return a plain `def` middleware "
            f"although `get_response` was async)?"
        )
    if "can't be used in 'await' expression" in text or "sync_to_async can only be applied" in text:
        return (
            f"Your middleware crashed in {mode} mode: {where}. An `async def` middleware was handed a sync "
            f"`get_response` (whose result cannot be awaited), or a plain one an async one. Django decides "
            f"which kind to give you from the factory's flags: mark it with `@sync_and_async_middleware` "
            f"and return an `async def` middleware only when `iscoroutinefunction(get_response)` is true."
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
        fail(
            f"In {mode} mode the response has no `Server-Timing` header. Set it on the response that "
            f"`get_response` gave you, before returning it: "
            f'`response["Server-Timing"] = f"app;dur={{elapsed_ms:.1f}}"`.'
        )
    duration = None
    for metric in header.split(","):
        name, *params = (part.strip() for part in metric.split(";"))
        if name != "app":
            continue
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "dur":
                try:
                    duration = float(value.strip().strip('"'))
                except ValueError:
                    duration = None
    if duration is None:
        fail(
            f"The Server-Timing header is {header!r}; expected a metric named `app` with a `dur` in "
            f"milliseconds, like `app;dur=201.3` (name, semicolon, `dur=`, a number)."
        )
    if at_least_ms * 0.0009 <= duration <= at_least_ms * 0.01:
        fail(
            f"Server-Timing says `app;dur={duration:g}` for a view that took {at_least_ms} ms: that is the "
            f"time in seconds. `dur` is in milliseconds: multiply `time.perf_counter()` differences by 1000."
        )
    if duration < at_least_ms * 0.9:
        fail(
            f"Server-Timing says `app;dur={duration:g}`, but the view alone took {at_least_ms} ms in {mode} "
            f"mode. Read the clock before calling `get_response` and again after it returned (after the "
            f"`await`, in async mode): the duration is the difference."
        )
    if duration > at_least_ms + 3000:
        fail(
            f"Server-Timing says `app;dur={duration:g}` for a view that took {at_least_ms} ms. `dur` is the "
            f"difference of two `time.perf_counter()` readings, in milliseconds, not a clock reading itself."
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
            "`timing_middleware` has no `async_capable = True`, so Django treats it as sync-only (its "
            "default: sync_capable=True, async_capable=False). In an async stack (ASGI) Django then adapts "
            "it, and every request hops from the event loop to a worker thread and back. Decorate the "
            "factory with `@sync_and_async_middleware` (from django.utils.decorators)."
        )
    if not can_sync:
        fail(
            "`timing_middleware` is marked `sync_capable = False` (`@async_only_middleware`): under WSGI, "
            "or with django.test.Client, Django must wrap it in async_to_sync, starting an event loop for "
            "every request. This exercise asks for both modes: use `@sync_and_async_middleware`."
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
            "Given an async `get_response` (Django's async stack, under ASGI), `timing_middleware` returned "
            "a plain `def` middleware. Django trusts your flags and awaits what you return, so a plain "
            "function would hand it an un-awaited coroutine. Check `iscoroutinefunction(get_response)` in "
            "the factory and return an `async def middleware(request)` that does "
            "`response = await get_response(request)`."
        )
    made_sync = factory(sync_get_response)
    if iscoroutinefunction(made_sync):
        fail(
            "Given a sync `get_response` (WSGI, or django.test.Client), `timing_middleware` returned an "
            "`async def` middleware. In sync mode Django calls your middleware and expects a response back, "
            "not a coroutine. Return a plain `def middleware(request)` when `get_response` is not a "
            "coroutine function."
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
        response, gap = run_django(request, within=4, what="Your middleware")
    if adapted:
        fail(
            f"Django had to adapt your middleware in an async stack; it logged: {adapted[0]!r}. That means a "
            f"sync-only middleware: every request hops from the event loop to a worker thread and back "
            f"(and holds that thread while the view runs). Mark the factory `@sync_and_async_middleware` "
            f"and return an `async def` middleware when `get_response` is a coroutine function."
        )
    if gap > BLOCKED:
        fail(
            f"Something blocked the event loop for {gap * 1000:.0f} ms while your middleware handled one "
            f"request. A blocking call such as `time.sleep()` (or a sync HTTP client, or a sync file write) "
            f"inside the async middleware freezes every other request on that loop. Await instead "
            f"(`await asyncio.sleep(...)`), or move the blocking call to a thread with `sync_to_async`."
        )
    if response.status_code != 200:
        fail(f"GET /wait/ through your middleware answered {response.status_code}, expected the view's 200.")
    _duration(response, "async", ASYNC_MS)


def test_sync_stack() -> None:
    """under the sync test client (like WSGI): Server-Timing on a sync view, nothing adapted"""
    _setup()
    from django.test import Client

    with _stack() as adapted, _explained("sync"):
        response = Client().get("/sync/")
    if adapted:
        fail(
            f"Django had to adapt your middleware in a sync stack (WSGI, or django.test.Client); it logged: "
            f"{adapted[0]!r}. An async-only middleware there runs through async_to_sync, an event loop per "
            f"request. Mark the factory `@sync_and_async_middleware` and return a plain `def` middleware "
            f"when `get_response` is not a coroutine function."
        )
    if response.status_code != 200:
        fail(f"GET /sync/ through your middleware answered {response.status_code}, expected the view's 200.")
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
                    *(client.get(f"{base}/wait/?ms={SERVER_MS}") for _ in range(CONCURRENT))
                )
            return list(responses), watch.elapsed

    with _stack() as adapted, _explained("async (uvicorn)"):
        app = RecordingApp(ASGIHandler(), heartbeat=True)  # builds the middleware chain now
        with serve_django(app) as base:
            responses, took = run_async(scenario(base), within=8, what=f"{CONCURRENT} requests at once")
    if adapted:
        fail(
            f"Served by uvicorn, Django adapted your middleware; it logged: {adapted[0]!r}. Each request "
            f"then leaves the event loop for a worker thread and comes back. Return an `async def` "
            f"middleware when `get_response` is a coroutine function, and mark the factory "
            f"`@sync_and_async_middleware`."
        )
    for response in responses:
        if response.status_code != 200:
            why = f" Your app raised {app.errors[0]}" if app.errors else ""
            fail(f"Under uvicorn, GET /wait/ answered {response.status_code}, expected 200.{why}")
        _duration(response, "async (uvicorn)", SERVER_MS)
    if app.max_gap > BLOCKED:
        what = f"{CONCURRENT} requests went through" if responses else "one request went through"
        fail(
            f"Something blocked uvicorn's event loop for {app.max_gap * 1000:.0f} ms while {what} "
            f"your middleware. A blocking call in async code "
            f"(`time.sleep()`, a sync HTTP client, a sync file write) freezes every request on the server; "
            f"await instead, or move the call to a thread with `sync_to_async`."
        )
    if in_flight.peak < 2:
        fail(
            f"The {CONCURRENT} requests sent at once reached the view one at a time ({took:.2f} s in all). "
            f"While one request awaits inside the view, the others should be in it too: does your "
            f"middleware hold a lock, or wait for something, around `await get_response(request)`?"
        )
    if took >= 1.5:
        fail(
            f"{CONCURRENT} requests of {SERVER_MS} ms each took {took:.2f} s together through your middleware; "
            f"side by side they take about {SERVER_MS / 1000:.1f} s. Is something in the middleware waiting "
            f"or blocking?"
        )
