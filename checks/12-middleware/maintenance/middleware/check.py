"""Checks for lesson 12, exercise `maintenance/middleware.py`: an async-only class middleware, marked
with markcoroutinefunction, that answers 503 while the "maintenance" switch is on."""

from __future__ import annotations

import asyncio
import gc
import inspect
import sys
import traceback
import types
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tutor.checkkit import (
    InFlight,
    LoopHeartbeat,
    Stopwatch,
    _,
    adapted_handlers,
    describe_error,
    django_project,
    fail,
    load_exercise,
    no_unawaited_coroutines,
    run_django,
)

# CommonMiddleware first, as in settings.py: an async middleware that Django cannot recognise as
# async breaks the middleware above it, so the check keeps one there.
MIDDLEWARE = ["django.middleware.common.CommonMiddleware", "middleware.MaintenanceMiddleware"]
URLCONF = "tutor_check_maintenance_urls"
CONCURRENT = 10
VIEW_MS = 300
BLOCKED = 0.15  # a stall of the event loop above this means something blocked it

in_flight = InFlight()  # requests inside the view at once; `entered` counts the view's calls


async def page_view(request: Any) -> Any:
    from django.http import HttpResponse

    async with in_flight:
        await asyncio.sleep(int(request.GET.get("ms", 0)) / 1000)
    return HttpResponse("the view's page\n", content_type="text/plain")


def _setup() -> type:
    """The project on a fresh database, the check's URLconf installed, and the learner's class."""
    django_project()
    if URLCONF not in sys.modules:
        from django.urls import path

        urls = types.ModuleType(URLCONF)
        urls.urlpatterns = [path("page/", page_view)]  # type: ignore[attr-defined]
        sys.modules[URLCONF] = urls
    middleware = getattr(load_exercise(), "MaintenanceMiddleware", None)
    if middleware is None:
        fail(
            _(
                "middleware.py has no `MaintenanceMiddleware`. settings.py lists `middleware.MaintenanceMiddleware` "
                "in MIDDLEWARE, so keep that name: a class whose instances Django calls with each request."
            )
        )
    if not callable(middleware):
        fail(_("`MaintenanceMiddleware` should be a class, not a {kind}.", kind=type(middleware).__name__))
    return middleware  # type: ignore[no-any-return]


def _switch(on: bool | None) -> None:
    """Turn the "maintenance" switch on or off, or delete it (None)."""
    from switches.models import Switch

    if on is None:
        Switch.objects.filter(name="maintenance").delete()
    else:
        Switch.objects.update_or_create(name="maintenance", defaults={"on": on})


def _crash_message(exc: BaseException) -> str | None:
    """A teaching message for the usual crashes of an async class middleware (None for other errors)."""
    text = str(exc)
    where = describe_error(exc)
    shape_error = "coroutine" in text or "can't be used in 'await' expression" in text
    middleware = getattr(load_exercise(), "MaintenanceMiddleware", None)
    problem = (_flags_problem(middleware) or _marking_problem(middleware)) if shape_error else None
    if problem:
        return _("The request crashed: {where}. {problem}", where=where, problem=problem)
    if "'coroutine' object has no attribute" in text or "'coroutine' object does not support" in text:
        return _(
            "The request crashed: {where}. The middleware above yours (CommonMiddleware) got a coroutine "
            "instead of a response: it called your middleware like a plain function, because nothing told "
            "Django your instance is async. An `async def __call__` does not make the *instance* look like a "
            "coroutine function; in __init__, call `markcoroutinefunction(self)` (from asgiref.sync) when "
            "`iscoroutinefunction(get_response)` is true.",
            where=where,
        )
    if "'NoneType' object has no attribute" in text:
        return _(
            "The request crashed: {where}. Your middleware returned None instead of a response. When "
            "the site is open, pass the request on and hand back what comes out: "
            "`return await self.get_response(request)`. Did you forget `return`?",
            where=where,
        )
    if "can't be used in 'await' expression" in text:
        return _(
            "The request crashed: {where}. Something awaited a plain response: an `async def __call__` "
            "was handed a sync `get_response`, or a sync one an async one. Django decides what to hand "
            "your middleware from its flags: `async_capable = True` and `sync_capable = False` make "
            "`get_response` async, so `await self.get_response(request)` works.",
            where=where,
        )
    if "DoesNotExist" in type(exc).__name__:
        return _(
            'The request crashed: {where}. A missing switch means off: without a "maintenance" switch in '
            "the database the site must stay open, but your query raised. Use `.aexists()` or `.afirst()`, or catch "
            "`Switch.DoesNotExist` around `aget`.",
            where=where,
        )
    return None


@contextmanager
def _requests() -> Iterator[list[str]]:
    """MIDDLEWARE as in settings.py, the check's views, Django's "adapted" log collected, and the usual
    crashes explained."""
    from django.test import override_settings

    with override_settings(MIDDLEWARE=MIDDLEWARE, ROOT_URLCONF=URLCONF), adapted_handlers() as adapted:
        try:
            with no_unawaited_coroutines():
                yield adapted
        except Exception as exc:
            message = _crash_message(exc)
            if message is None:
                raise
            # Drop the crashed request's coroutine now, quietly (the message explains it), so its "never
            # awaited" warning does not land on a later check.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                traceback.clear_frames(exc.__traceback__)
                if isinstance(exc, AttributeError):
                    exc.obj = None
                gc.collect()
            fail(message)


def _get(path: str, times: int = 1) -> tuple[list[Any], float, float]:
    """GET `path` `times` times at once through AsyncClient: the responses, the loop's longest stall, the time."""
    from django.test import AsyncClient

    async def scenario() -> tuple[list[Any], float, float]:
        client = AsyncClient()
        async with LoopHeartbeat() as beat:
            with Stopwatch() as watch:
                responses = await asyncio.gather(*(client.get(path) for _request in range(times)))
        return list(responses), beat.max_gap, watch.elapsed

    return run_django(scenario, within=5, what=_("Your middleware"))


def _no_adaptation(adapted: list[str]) -> None:
    if adapted:
        fail(
            _(
                "Django had to adapt a handler for your middleware; it logged: {logged!r}. In an async stack "
                "that is a thread hop on every request. Give the class `async_capable = True` and "
                "`sync_capable = False`, and an `async def __call__`.",
                logged=adapted[0],
            )
        )


def _not_blocked(gap: float, what: str) -> None:
    """`what`: a translated clause saying what was going on ("your middleware answered 503")."""
    if gap > BLOCKED:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms while {what}. A blocking call such as "
                "`time.sleep()` in an async middleware freezes every request on the server, the open ones "
                "too. To slow a client down, `await asyncio.sleep(...)`; better, just answer at once.",
                ms=gap * 1000,
                what=what,
            )
        )


# --- the checks -----------------------------------------------------------------------------


def _flags_problem(middleware: Any) -> str | None:
    """What is wrong with the class's sync_capable/async_capable flags (None when they are right)."""
    if not getattr(middleware, "async_capable", False):
        return _(
            "`MaintenanceMiddleware` has no `async_capable = True`, so Django treats it as sync-only (its "
            "default: sync_capable=True, async_capable=False) and hands it a sync `get_response`: under "
            "ASGI every request then hops to a worker thread and back. Set the class attributes "
            "`async_capable = True` and `sync_capable = False`."
        )
    if getattr(middleware, "sync_capable", True):
        return _(
            "`MaintenanceMiddleware` says `sync_capable = True`, so under WSGI (or django.test.Client) Django "
            "would call it in sync mode, where an `async def __call__` cannot work. This one is async-only: "
            "set `sync_capable = False` next to `async_capable = True`."
        )
    return None


def _marking_problem(middleware: Any) -> str | None:
    """What keeps an instance from looking async to Django (None when it does)."""
    from asgiref.sync import iscoroutinefunction

    async def get_response(request: Any) -> Any:
        return None

    instance = middleware(get_response)
    if iscoroutinefunction(instance):
        return None
    if inspect.iscoroutinefunction(type(instance).__call__):
        return _(
            "Your `__call__` is `async def`, but the instance itself does not look like a coroutine function "
            "to Django (`iscoroutinefunction(instance)` is False: it checks the object, not its class's "
            "method). Then the middleware above yours calls it like a plain function and gets a coroutine "
            "instead of a response. In `__init__`, after storing get_response: "
            "`if iscoroutinefunction(get_response): markcoroutinefunction(self)` (both from asgiref.sync)."
        )
    return _(
        "Your `__call__` is a plain `def`. With `sync_capable = False`, Django hands your middleware an async "
        "`get_response`, which returns a coroutine that only `async def` code can await. Write "
        "`async def __call__(self, request):` and mark the instance in `__init__` with "
        "`markcoroutinefunction(self)`."
    )


def test_flags() -> None:
    """MaintenanceMiddleware is async-only: async_capable = True, sync_capable = False"""
    problem = _flags_problem(_setup())
    if problem:
        fail(problem)


def test_marked_as_coroutine() -> None:
    """an instance built with an async get_response is a coroutine function (markcoroutinefunction)"""
    problem = _marking_problem(_setup())
    if problem:
        fail(problem)


def test_open_site() -> None:
    """switch off: the request reaches the view (200), no thread hop, the loop never blocked"""
    _setup()
    _switch(False)
    entered = in_flight.entered
    with _requests() as adapted:
        (response,), gap, _took = _get("/page/")
    _no_adaptation(adapted)
    if response.status_code != 200 or in_flight.entered == entered:
        why = (
            _(" The view never ran: pass the request on with `return await self.get_response(request)`.")
            if in_flight.entered == entered
            else ""
        )
        fail(
            _(
                "With the maintenance switch off, GET /page/ answered {status}, expected the view's 200.{why}",
                status=response.status_code,
                why=why,
            )
        )
    if response.content != b"the view's page\n":
        fail(
            _(
                "With the switch off, GET /page/ answered {content!r} instead of the view's own page.",
                content=response.content,
            )
        )
    _not_blocked(gap, _("your middleware passed a request on"))


def test_maintenance_answers_503() -> None:
    """switch on: 503 with Retry-After: 60, without calling the view"""
    _setup()
    _switch(True)
    entered = in_flight.entered
    try:
        with _requests() as adapted:
            (response,), gap, _took = _get("/page/")
    finally:
        _switch(False)
    _no_adaptation(adapted)
    if response.status_code != 503:
        fail(
            _(
                "With the maintenance switch on, GET /page/ answered {status}; expected 503 "
                '(Service Unavailable). Read the switch with `await Switch.objects.filter(name="maintenance", '
                "on=True).aexists()` and return an HttpResponse with `status=503`.",
                status=response.status_code,
            )
        )
    if in_flight.entered != entered:
        fail(
            _(
                "With the switch on, your middleware answered 503 but still called the view first. Short-circuit: "
                "return the 503 response *instead of* calling `self.get_response(request)`."
            )
        )
    if response.headers.get("Retry-After") != "60":
        fail(
            _(
                "The 503 response has Retry-After {retry_after!r}; expected '60' (seconds), "
                "which tells clients and crawlers when to try again: "
                '`HttpResponse(..., status=503, headers={{"Retry-After": "60"}})`.',
                retry_after=response.headers.get("Retry-After"),
            )
        )
    _not_blocked(gap, _("your middleware answered 503"))


def test_missing_switch_means_open() -> None:
    """no "maintenance" switch in the database at all: the site is open"""
    _setup()
    _switch(None)
    try:
        with _requests():
            (response,), _gap, _took = _get("/page/")
    finally:
        _switch(False)
    if response.status_code != 200:
        fail(
            _(
                'Without a "maintenance" switch in the database, GET /page/ answered {status}; a '
                "missing switch means off, so expected 200.",
                status=response.status_code,
            )
        )


def test_requests_side_by_side() -> None:
    """10 requests at once, each waiting 0.3 s in the view, all pass through together"""
    _setup()
    _switch(False)
    with _requests() as adapted:
        _get("/page/")  # one first: a sync-only middleware would make the ten wait for one another
    _no_adaptation(adapted)
    in_flight.peak = in_flight.current
    with _requests():
        responses, gap, took = _get(f"/page/?ms={VIEW_MS}", times=CONCURRENT)
    statuses = sorted({r.status_code for r in responses})
    if statuses != [200]:
        fail(
            _(
                "{count} requests at once through your middleware answered {statuses}; expected only 200.",
                count=CONCURRENT,
                statuses=statuses,
            )
        )
    _not_blocked(gap, _("{count} requests went through your middleware", count=CONCURRENT))
    if in_flight.peak < 2:
        fail(
            _(
                "The {count} requests sent at once reached the view one at a time ({took:.2f} s in all). Does "
                "your middleware hold a lock, or wait for something, around `await self.get_response(request)`?",
                count=CONCURRENT,
                took=took,
            )
        )
    if took >= 1.5:
        fail(
            _(
                "{count} requests of {ms} ms each took {took:.2f} s together through your middleware; "
                "side by side they take about {secs:.1f} s. Is something in the middleware waiting?",
                count=CONCURRENT,
                ms=VIEW_MS,
                took=took,
                secs=VIEW_MS / 1000,
            )
        )
