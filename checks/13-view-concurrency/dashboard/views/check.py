"""Checks for lesson 13, exercise `dashboard/views.py`: an async view that asks three slow upstream
services at the same time, through the project's one HTTP client, driven by Django's async test
client and served for real by uvicorn."""

from __future__ import annotations

import asyncio
import functools
import sys
import time
from collections.abc import Callable
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
    run_async,
    run_django,
    serve_django,
)

# What the check's fake services answer (different from fake_services.py: the page must show these).
ANSWERS = {
    "/weather/": {"city": "Oslo", "temp_c": -3, "sky": "snow"},
    "/news/": {"headlines": ["Check passes"]},
    "/rates/": {"base": "EUR", "NOK": 11.7},
}
PAGE_KEYS = {"weather": "/weather/", "news": "/news/", "rates": "/rates/"}
REAL_ASYNC_TRANSPORT = httpx.AsyncHTTPTransport.handle_async_request
REAL_SYNC_TRANSPORT = httpx.HTTPTransport.handle_request
BLOCKED = 0.15  # a stall of the event loop above this means something blocked it


# --- helpers (local to this check) --------------------------------------------------------


class FakeUpstreams:
    """The three services, faked. The project's client (`upstreams.client`) reaches them through an
    `httpx.MockTransport`; a client the learner makes, or a blocking one, is caught too (the default
    transports are patched). Each call waits, at most `hold` s and only once, until `expected` calls
    are in flight together: concurrent code passes at once, one-at-a-time code is seen by `peak`."""

    def __init__(self, *, expected: int = 1, delay: float = 0.0, hold: float = 0.5) -> None:
        self.expected, self.delay, self.hold = expected, delay, hold
        self.in_flight = InFlight()
        self.gave_up = False
        self.calls: list[str] = []  # through the project's client
        self.own_client_calls: list[str] = []  # through a client the view made itself
        self.blocking_calls: list[str] = []  # through a blocking (sync) client

    async def _answer(self, request: httpx.Request) -> httpx.Response:
        async with self.in_flight:
            deadline = time.monotonic() + self.hold
            while self.in_flight.current < self.expected and not self.gave_up:
                if time.monotonic() > deadline:
                    self.gave_up = True  # not all at once: stop holding, `peak` tells the story
                await asyncio.sleep(0.005)
            await asyncio.sleep(self.delay)
        return _reply(request)

    async def project_client(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request.url.path)
        return await self._answer(request)

    async def own_client(self, request: httpx.Request) -> httpx.Response:
        self.own_client_calls.append(request.url.path)
        return await self._answer(request)

    def blocking_client(self, request: httpx.Request) -> httpx.Response:
        self.blocking_calls.append(request.url.path)
        time.sleep(self.delay)
        return _reply(request)


def _reply(request: httpx.Request) -> httpx.Response:
    answer = ANSWERS.get(request.url.path)
    if answer is None:
        return httpx.Response(404, json={"error": f"no such service: {request.url.path}"})
    return httpx.Response(200, json=answer)


def _views() -> Any:
    """The project set up on its own fresh database, then the learner's views.py."""
    django_project()
    return load_exercise()


def _dashboard_view() -> Any:
    view = getattr(_views(), "dashboard", None)
    if view is None:
        fail(_("views.py has no `dashboard`. urls.py routes /dashboard/ to `views.dashboard`: keep that name."))
    require_async_view(view, "dashboard")
    return view


def _install(**options: Any) -> FakeUpstreams:
    """A fresh set of fake services: the project's client, and the default transports for any other."""
    _views()
    upstreams = sys.modules["upstreams"]
    fake = FakeUpstreams(**options)
    upstreams.client = httpx.AsyncClient(
        base_url=upstreams.BASE_URL, transport=httpx.MockTransport(fake.project_client)
    )

    def made_client(*args: Any, **kwargs: Any) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=upstreams.BASE_URL, transport=httpx.MockTransport(fake.own_client))

    host = httpx.URL(upstreams.BASE_URL).host

    async def own_transport(self: Any, request: httpx.Request) -> httpx.Response:
        if request.url.host != host:  # the check's own requests to the test server
            return await REAL_ASYNC_TRANSPORT(self, request)
        return await fake.own_client(request)

    def sync_transport(self: Any, request: httpx.Request) -> httpx.Response:
        if request.url.host != host:
            return REAL_SYNC_TRANSPORT(self, request)
        return fake.blocking_client(request)

    upstreams.make_client = made_client
    httpx.AsyncHTTPTransport.handle_async_request = own_transport  # type: ignore[method-assign]
    httpx.HTTPTransport.handle_request = sync_transport  # type: ignore[method-assign]
    return fake


def _explain(exc: BaseException) -> str:
    """A teaching message for an exception that escaped the view."""
    text, where = str(exc), learner_line(exc)
    said = _("GET /dashboard/ raised {error}: {text}{where}.", error=type(exc).__name__, text=text, where=where)
    if isinstance(exc, asyncio.InvalidStateError):
        return _(
            "{said} You created tasks but read their results before they had finished: a task only runs "
            "while something awaits. Wait for all of them first: `responses = await asyncio.gather(*tasks)` "
            "(or create them in an `async with asyncio.TaskGroup()` block and read them after it).",
            said=said,
        )
    if "coroutine" in text or "_GatheringFuture" in text or "Task" in text:
        return _(
            "{said} A coroutine, task or gather future turned up where a response was expected. "
            "`client.get(...)` and `asyncio.gather(...)` give awaitables: the responses come out of "
            "`await asyncio.gather(...)`. Did you forget `await`?",
            said=said,
        )
    if "not open" in text:
        return _(
            "{said} Use the client the check sets up, `upstreams.get_client()`, when the request comes.", said=said
        )
    return said


def _get_dashboard(within: float = 3.0) -> tuple[Any, LoopHeartbeat]:
    """GET /dashboard/ through Django's AsyncClient, with a heartbeat on the loop, errors explained."""
    from django.test import AsyncClient

    async def main() -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            response = await AsyncClient().get("/dashboard/")
        return response, beat

    with no_unawaited_coroutines():
        try:
            return run_django(main, within=within, what="GET /dashboard/")
        except CheckFailure:
            raise
        except Exception as exc:
            fail(_explain(exc))


def _require_project_client(fake: FakeUpstreams) -> None:
    if fake.blocking_calls:
        fail(
            _(
                "Your view called the services with a blocking client ({count} call(s) through "
                "`httpx.Client`/`httpx.get`, the kind `requests` is too). Inside `async def` it holds the event "
                "loop for the whole wait, and every other request on the server waits with it. Await the "
                "project's async client: `client = upstreams.get_client()`, then `await client.get(path)`.",
                count=len(fake.blocking_calls),
            )
        )
    if fake.own_client_calls:
        fail(
            _(
                "Your view made an HTTP client of its own for its calls. A client per request (or per call) "
                "opens new connections every time, a TCP handshake (and a TLS one over HTTPS) before each "
                "request, instead of reusing the pool's kept-alive connections. Use the project's one client, "
                "opened at startup: `client = upstreams.get_client()`."
            )
        )
    if not fake.calls:
        fail(_("Your view answered without calling the services: get each one with `await client.get(path)`."))


def _check_page(status: int, body: Any, what: str) -> None:
    expected = {key: ANSWERS[path] for key, path in PAGE_KEYS.items()}
    if status != 200:
        fail(_("{what} answered status {status} with {body!r}; expected 200.", what=what, status=status, body=body))
    if not isinstance(body, dict):
        fail(
            _(
                "{what} answered {body!r}; expected a JSON object. Keep `return JsonResponse(page)`.",
                what=what,
                body=body,
            )
        )
    shown = {key: body.get(key) for key in expected}
    if shown != expected:
        fail(
            _(
                "{what} showed {shown!r}; expected each service's JSON under its name: {expected!r}. Pair the "
                "responses with the names of `upstreams.SERVICES` in order (`zip` them): gather keeps the order "
                "of its arguments.",
                what=what,
                shown=shown,
                expected=expected,
            )
        )
    took = body.get("took_ms")
    if not isinstance(took, int) or isinstance(took, bool) or took < 0:
        fail(
            _(
                '{what} has "took_ms": {took!r}; expected a whole number of milliseconds. Keep that line.',
                what=what,
                took=took,
            )
        )


def _once(check: Callable[[], None]) -> Callable[[], None]:
    """Run a slow precondition once per check process; later tests get its outcome (its failure too)."""
    outcome: list[str | None] = []

    @functools.wraps(check)
    def wrapper() -> None:
        if not outcome:
            try:
                check()
                outcome.append(None)
            except CheckFailure as failure:
                outcome.append(str(failure))
                raise
        if outcome[0] is not None:
            fail(outcome[0])

    return wrapper


@_once
def _require_no_blocking() -> None:
    """One request with slow services, watched by a heartbeat: nothing may block the event loop."""
    fake = _install(delay=0.2)
    _response, beat = _get_dashboard()
    _require_project_client(fake)
    beat.assert_not_blocked(BLOCKED, _("your view (GET /dashboard/)"))


# --- the checks -----------------------------------------------------------------------------


def test_dashboard_is_an_async_view() -> None:
    """dashboard is an async view: `async def dashboard(request)`"""
    _dashboard_view()


def test_page_merges_the_three_services() -> None:
    """GET /dashboard/ shows each service's JSON under its name, and "took_ms\""""
    _dashboard_view()
    fake = _install()
    response, _beat = _get_dashboard()
    _require_project_client(fake)
    _check_page(
        response.status_code,
        response.json() if "json" in response.get("Content-Type", "") else response.content,
        "GET /dashboard/",
    )


@_once
def _require_concurrent_calls() -> None:
    """One request: its three upstream calls must be in flight together."""
    fake = _install(expected=3, delay=0.05)
    response, _beat = _get_dashboard()
    _require_project_client(fake)
    if fake.in_flight.peak < 3:
        fail(
            _(
                "At most {peak} of the three upstream calls were in flight at the same time: your "
                "view waits for one answer before it asks the next service (a coroutine starts only when it is "
                "awaited, not when you create it), so the waits add up (3 x 0.3 s "
                "instead of 0.3 s). Start them all, then wait for all: `responses = await asyncio.gather(*(client"
                ".get(path) for path in upstreams.SERVICES.values()))`, or tasks in an `asyncio.TaskGroup`.",
                peak=fake.in_flight.peak,
            )
        )
    _check_page(response.status_code, response.json(), "GET /dashboard/")


def test_three_calls_in_flight_together() -> None:
    """the three upstream calls are in flight at the same time"""
    _dashboard_view()
    _require_concurrent_calls()


def test_never_blocks_the_event_loop() -> None:
    """the view awaits the async client and never blocks the event loop"""
    _dashboard_view()
    _require_no_blocking()


def test_five_dashboards_at_once_under_uvicorn() -> None:
    """uvicorn serves 5 dashboards at once: all 15 upstream calls in flight together, done well under 1.5 s"""
    _dashboard_view()
    _require_no_blocking()
    _require_concurrent_calls()
    fake = _install()

    async def scenario(base: str) -> tuple[list[httpx.Response] | None, float]:
        # trust_env=False: never send the check's loopback requests through a proxy from the environment.
        async with httpx.AsyncClient(timeout=httpx.Timeout(5.0), trust_env=False) as client:
            await client.get(f"{base}/dashboard/")  # warm up: connect, let Django load urls.py
            fake.in_flight, fake.expected, fake.delay, fake.gave_up = InFlight(), 15, 0.2, False
            with Stopwatch() as watch:
                try:
                    async with asyncio.timeout(3.0):
                        responses = await asyncio.gather(*(client.get(f"{base}/dashboard/") for _request in range(5)))
                except TimeoutError:
                    return None, 3.0
            return list(responses), watch.elapsed

    with serve_django() as base:
        responses, took = run_async(scenario(base), within=8, what=_("5 dashboards at once"))
    if responses is None:
        fail(
            _(
                "5 dashboards asked at once were not all answered after 3 s (at most {peak} upstream "
                "calls were in flight together). Is something in your view serialising the requests?",
                peak=fake.in_flight.peak,
            )
        )
    for response in responses:
        body = response.json() if "json" in response.headers.get("content-type", "") else response.text[:200]
        _check_page(response.status_code, body, "uvicorn: GET /dashboard/")
    if fake.in_flight.peak < 15:
        fail(
            _(
                "Served by uvicorn, 5 dashboards asked at once had at most {peak} of their 15 upstream "
                "calls in flight together; expected all 15: each view gathers its 3 calls, and the server's one "
                "event loop runs the 5 views side by side. Is something serialising them (a lock, a blocking call)?",
                peak=fake.in_flight.peak,
            )
        )
    if took >= 1.5:
        fail(
            _(
                "5 dashboards with 0.2 s of upstream waiting each took {took:.2f} s together; concurrently they take "
                "about 0.2 s. Is something else in your view waiting or blocking?",
                took=took,
            )
        )
