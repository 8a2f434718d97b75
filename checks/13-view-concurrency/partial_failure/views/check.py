"""Checks for lesson 13, exercise `partial_failure/views.py`: a dashboard that survives its upstream
services failing one by one: a per-call timeout, and each failure kept in its own section."""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

import httpx

from tutor.checkkit import (
    CheckFailure,
    InFlight,
    LoopHeartbeat,
    Stopwatch,
    _,
    django_project,
    fail,
    learner_line,
    load_exercise,
    no_unawaited_coroutines,
    require_async_view,
    run_django,
)

ANSWERS = {
    "/weather/": {"city": "Oslo", "temp_c": -3},
    "/news/": {"headlines": ["Check passes"]},
    "/rates/": {"base": "EUR", "NOK": 11.7},
    "/traffic/": {"jams": 0},
}
PAGE_KEYS = {"weather": "/weather/", "news": "/news/", "rates": "/rates/", "traffic": "/traffic/"}
DEADLINE = 1.5  # the check's own limit for one page; TIMEOUT (0.5 s) per call is the learner's


# --- helpers (local to this check) --------------------------------------------------------


class FakeUpstreams:
    """The four services behind an httpx.MockTransport. `modes` makes some of them fail: "hang" (answers
    only when the request's own read timeout runs out, with httpx.ReadTimeout, as a network transport
    would; a request without a short timeout hangs for a minute), "500", "refused" (httpx.ConnectError)."""

    def __init__(self, modes: dict[str, str] | None = None, *, expected: int = 1, delay: float = 0.0) -> None:
        self.modes = modes or {}
        self.expected, self.delay = expected, delay
        self.in_flight = InFlight()
        self.gave_up = False
        self.timeouts: list[float | None] = []  # the read timeout each request carried

    async def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        mode = self.modes.get(path, "ok")
        read = request.extensions.get("timeout", {}).get("read")
        self.timeouts.append(read)
        async with self.in_flight:
            deadline = time.monotonic() + 0.5
            while self.in_flight.current < self.expected and not self.gave_up:
                if time.monotonic() > deadline:
                    self.gave_up = True
                await asyncio.sleep(0.005)
            if mode == "refused":
                raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
            if mode == "hang":
                if read is not None and read <= 1.0:
                    await asyncio.sleep(read)
                    raise httpx.ReadTimeout("timed out", request=request)
                await asyncio.sleep(60)
            await asyncio.sleep(self.delay)
        if mode == "500":
            return httpx.Response(500, json={"detail": "internal error upstream"})
        return httpx.Response(200, json=ANSWERS[path])


def _views() -> Any:
    django_project()
    return load_exercise()


def _view() -> Any:
    view = getattr(_views(), "dashboard", None)
    if view is None:
        fail(_("views.py has no `dashboard`. urls.py routes /dashboard/ to `views.dashboard`: keep that name."))
    require_async_view(view, "dashboard")
    return view


def _install(modes: dict[str, str] | None = None, **options: Any) -> FakeUpstreams:
    _view()
    upstreams = sys.modules["upstreams"]
    fake = FakeUpstreams(modes, **options)
    # Like upstreams.make_client(): the client's own timeout is 5 s; each call must set a shorter one.
    upstreams.client = httpx.AsyncClient(
        base_url=upstreams.BASE_URL, transport=httpx.MockTransport(fake.handle), timeout=httpx.Timeout(5.0)
    )
    return fake


def _explain(exc: BaseException, what: str) -> str:
    text, where = str(exc), learner_line(exc)
    said = _(
        "{what} raised {error}: {text}{where}, so Django answered 500 for the whole page.",
        what=what,
        error=type(exc).__name__,
        text=text,
        where=where,
    )
    if isinstance(exc, (httpx.HTTPError, TimeoutError)):
        return _(
            "{said} One failed service must cost only its own section. `asyncio.gather` passes the first "
            "exception on (and the other results are lost): catch it around each call (a helper with "
            "`try`/`except` per call), or `gather(..., return_exceptions=True)` and turn exceptions into "
            '{{"error": ...}} sections.',
            said=said,
        )
    if "coroutine" in text:
        return _("{said} A coroutine turned up where a response was expected: did you forget `await`?", said=said)
    return said


def _get(what: str) -> tuple[Any, float]:
    """GET /dashboard/ with a deadline and a heartbeat; the page's JSON and how long it took."""
    from django.test import AsyncClient

    async def main() -> tuple[Any, float, LoopHeartbeat] | None:
        async with LoopHeartbeat() as beat:
            with Stopwatch() as watch:
                try:
                    async with asyncio.timeout(DEADLINE):
                        response = await AsyncClient().get("/dashboard/")
                except TimeoutError:
                    return None
        return response, watch.elapsed, beat

    with no_unawaited_coroutines():
        try:
            result = run_django(main, within=DEADLINE + 2, what=what)
        except CheckFailure:
            raise
        except Exception as exc:
            fail(_explain(exc, what))
    if result is None:
        fail(
            _(
                "{what}: the page was not ready after {deadline:g} s. One service never answers, and your view "
                "waits for it as long as the client's default timeout lets it (5 s here). Give every call its own "
                "short timeout: `await client.get(path, timeout=TIMEOUT)`, or the call inside "
                "`async with asyncio.timeout(TIMEOUT):`.",
                what=what,
                deadline=DEADLINE,
            )
        )
    response, took, beat = result
    beat.assert_not_blocked(0.15, _("your view ({what})", what=what))
    if response.status_code != 200:
        fail(
            _(
                "{what} answered {status}; expected 200 whatever the services do.",
                what=what,
                status=response.status_code,
            )
        )
    return response.json(), took


def _expect(page: Any, errors: dict[str, str], what: str) -> None:
    """Every section as expected: the service's JSON, or the error given for it."""
    expected = {key: ({"error": errors[key]} if key in errors else ANSWERS[path]) for key, path in PAGE_KEYS.items()}
    shown = {key: page.get(key) for key in expected}
    if shown == expected:
        return
    for key, want in expected.items():
        got = shown[key]
        if got == want:
            continue
        if key not in errors and isinstance(got, dict) and "error" in got:
            fail(
                _(
                    "{what}: the {key} service answered fine, but the page shows {got!r} for it (all sections: "
                    "{shown!r}). A timeout around the whole `gather` cancels every call, the good ones too: put "
                    "the timeout around each call instead, so only the slow service loses its section.",
                    what=what,
                    key=key,
                    got=got,
                    shown=shown,
                )
            )
        if errors.get(key) == "unavailable" and got == {"error": "timeout"}:
            fail(
                _(
                    "{what}: the {key} service failed at once, but the page calls it {got!r}. `httpx."
                    "TimeoutException` is a kind of `httpx.HTTPError`: catch the timeout first, then "
                    "`httpx.HTTPError`.",
                    what=what,
                    key=key,
                    got=got,
                )
            )
        if errors.get(key) == "timeout" and got == {"error": "unavailable"}:
            fail(
                _(
                    "{what}: the {key} service timed out, but the page calls it {got!r}. `httpx.TimeoutException` "
                    "is a kind of `httpx.HTTPError`, so an `except httpx.HTTPError` written first catches it: "
                    "put `except httpx.TimeoutException` (or `TimeoutError`) first.",
                    what=what,
                    key=key,
                    got=got,
                )
            )
        if errors.get(key) == "unavailable" and got == {"detail": "internal error upstream"}:
            fail(
                _(
                    "{what}: the {key} service answered 500, and the page shows its error body {got!r} as if it "
                    "were data. httpx raises nothing for an error status until you ask: call "
                    "`response.raise_for_status()` and catch `httpx.HTTPStatusError` (an `httpx.HTTPError`).",
                    what=what,
                    key=key,
                    got=got,
                )
            )
        fail(
            _(
                "{what}: the page's {key} section is {got!r}; expected {want!r}. All sections: {shown!r}.",
                what=what,
                key=key,
                got=got,
                want=want,
                shown=shown,
            )
        )


# --- the checks -----------------------------------------------------------------------------


def test_dashboard_is_an_async_view() -> None:
    """dashboard is an async view: `async def dashboard(request)`"""
    _view()


def test_all_services_at_once() -> None:
    """with every service up: all four sections, the calls in flight together"""
    fake = _install(expected=4, delay=0.05)
    what = _("GET /dashboard/ (all services up)")
    page, _took = _get(what)
    _expect(page, {}, what)
    if fake.in_flight.peak < 4:
        fail(
            _(
                "At most {peak} of the four upstream calls were in flight at the same time: your view "
                "waits for one before it asks the next, so the waits (and the timeouts) add up. Start them all "
                "together: `asyncio.gather(...)` over one call per service, or a TaskGroup.",
                peak=fake.in_flight.peak,
            )
        )


def test_a_hanging_service_times_out() -> None:
    """a service that never answers costs only its section, {"error": "timeout"}, after TIMEOUT s"""
    _install({"/traffic/": "hang"})
    what = _("GET /dashboard/ (traffic hangs)")
    page, took = _get(what)
    _expect(page, {"traffic": "timeout"}, what)
    if took > 1.2:
        fail(
            _(
                "GET /dashboard/ (traffic hangs) took {took:.2f} s; with TIMEOUT = 0.5 it should take about 0.5 s. "
                "Does each call carry the 0.5 s timeout?",
                took=took,
            )
        )


def test_an_error_status_is_unavailable() -> None:
    """a service answering 500 shows as {"error": "unavailable"}, the rest as usual"""
    _install({"/news/": "500"})
    what = _("GET /dashboard/ (news answers 500)")
    page, _took = _get(what)
    _expect(page, {"news": "unavailable"}, what)


def test_a_refused_connection_is_unavailable() -> None:
    """a service that refuses the connection shows as {"error": "unavailable"}, with another timing out"""
    _install({"/rates/": "refused", "/weather/": "hang"})
    what = _("GET /dashboard/ (rates down, weather hangs)")
    page, _took = _get(what)
    _expect(page, {"rates": "unavailable", "weather": "timeout"}, what)
