"""Checks for lesson 9, exercise `hello_async/views.py`: an async function view that awaits a slow
upstream service, driven by Django's async test client and served for real by uvicorn."""

from __future__ import annotations

import asyncio
import functools
import json
import sys
import time
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

import httpx

from tutor.checkkit import (
    CheckFailure,
    InFlight,
    LoopHeartbeat,
    RecordingApp,
    Stopwatch,
    _,
    django_project,
    explain_django_errors,
    fail,
    learner_line,
    load_exercise,
    no_unawaited_coroutines,
    require_async_view,
    run_async,
    run_django,
    serve_django,
)

PRICES = {"ACME": 12.5, "GLOBEX": 99.0, "INITECH": 3.25}
DELAY = 0.4  # the fake upstream's wait in the load test
CONCURRENT = 10
BLOCKED = 0.15  # a stall of the event loop above this means something blocked it


# --- helpers (local to this check) --------------------------------------------------------


def _views() -> ModuleType:
    """The learner's views.py, imported after Django is set up on a fresh database."""
    django_project()
    with explain_django_errors("views.py"):
        return load_exercise()


def _quote() -> Any:
    """The `quote` view, failing with a teaching message unless it is a real async view."""
    view = getattr(_views(), "quote", None)
    if view is None:
        fail(_("views.py has no `quote`. urls.py routes /quote/<symbol>/ to `views.quote`: keep that name."))
    require_async_view(view, "quote")
    return view


class FakeUpstream:
    """Stands in for both clients of upstream.py: records every call and counts the awaited calls
    waiting at once. `expected` holds the calls (up to 1 s after the first) until that many have
    arrived, so a machine slow to send the requests cannot hide real concurrency."""

    def __init__(self, delay: float, expected: int = 1) -> None:
        self.delay = delay
        self.expected = expected
        self.in_flight = InFlight()
        self.symbols: list[str] = []
        self.blocking_calls: list[str] = []
        self.unknown = sys.modules["upstream"].UnknownSymbol
        self.first_entry: float | None = None

    def _lookup(self, symbol: str) -> float:
        try:
            return PRICES[symbol.upper()]
        except KeyError:
            raise self.unknown(symbol) from None

    async def fetch_price(self, symbol: str) -> float:
        self.symbols.append(symbol)
        async with self.in_flight:
            now = time.monotonic()
            self.first_entry = self.first_entry or now
            await asyncio.sleep(self.delay)
            while self.in_flight.entered < self.expected and time.monotonic() < self.first_entry + 1.0:
                await asyncio.sleep(0.01)
        return self._lookup(symbol)

    def fetch_price_blocking(self, symbol: str) -> float:
        self.blocking_calls.append(symbol)
        time.sleep(self.delay)
        return self._lookup(symbol)

    def reset(self, delay: float, expected: int) -> None:
        self.delay, self.expected = delay, expected
        self.in_flight = InFlight()
        self.symbols.clear()
        self.first_entry = None


def _install(delay: float, expected: int = 1) -> FakeUpstream:
    """Replace upstream.py's clients with a fake, also where views.py imported them by name."""
    views = _views()
    fake = FakeUpstream(delay, expected)
    for name in ("fetch_price", "fetch_price_blocking"):
        setattr(sys.modules["upstream"], name, getattr(fake, name))
        if hasattr(views, name):  # `from upstream import fetch_price`
            setattr(views, name, getattr(fake, name))
    return fake


def _explain(exc: BaseException, what: str) -> str:
    """A teaching message for an exception raised while Django ran the view."""
    text = str(exc)
    where = learner_line(exc)
    if type(exc).__name__ == "UnknownSymbol":
        return _(
            "{what}: `upstream.UnknownSymbol` escaped from your view{where}, so Django answered 500. The "
            "exception comes out of the `await`: put that line in `try:` and, in `except "
            'upstream.UnknownSymbol:`, `return JsonResponse({{"error": f"unknown symbol: {{symbol}}"}}, '
            "status=404)`.",
            what=what,
            where=where,
        )
    if isinstance(exc, TypeError) and "coroutine" in text:
        return _(
            "{what}: your view put a coroutine object into the JSON{where} ({error}: {text}). "
            "Calling `upstream.fetch_price(symbol)` only creates a coroutine; the price comes out of "
            "`await upstream.fetch_price(symbol)`. Did you forget `await`?",
            what=what,
            where=where,
            error=type(exc).__name__,
            text=text,
        )
    if "unawaited coroutine" in text:
        return _(
            "{what}: your view returned a coroutine instead of a response (Django says: {text}). Somewhere "
            "an `async def` function was called without `await`: put `await` in front of it.",
            what=what,
            text=text,
        )
    if "returned None" in text:
        return _(
            "{what}: your view returned None. End every path with `return JsonResponse(...)`. ({text})",
            what=what,
            text=text,
        )
    if "AsyncToSync in the same thread as an async event loop" in text:
        return _(
            "{what}: your async view called `async_to_sync(...)`{where}. That is for calling async code "
            "from *sync* code; inside `async def` there is already a running event loop, so Django "
            "refuses. Just `await upstream.fetch_price(symbol)`.",
            what=what,
            where=where,
        )
    return _(
        "{what}: your view raised {error}: {text}{where}.", what=what, error=type(exc).__name__, text=text, where=where
    )


def _drive(main: Callable[[], Awaitable[Any]], what: str, within: float = 4.0) -> Any:
    """Run `main` the way Django's test client expects, turning the view's errors into lessons."""
    with no_unawaited_coroutines():
        try:
            return run_django(main, within=within, what=what)
        except CheckFailure:
            raise
        except Exception as exc:
            fail(_explain(exc, what))


def _get(path: str) -> Any:
    from django.test import AsyncClient

    return _drive(lambda: AsyncClient().get(path), f"GET {path}")


def _json_of(response: Any, what: str) -> Any:
    content_type = response.get("Content-Type", "")
    if "application/json" not in content_type:
        fail(
            _(
                "{what} answered with content-type {content_type!r}, expected 'application/json'. "
                "Answer with `JsonResponse({{...}})`, which sets it and encodes the dict for you.",
                what=what,
                content_type=content_type,
            )
        )
    return json.loads(response.content)


def _check_quote(status: int, body: Any, symbol: str, what: str) -> None:
    expected = {"symbol": symbol, "price": PRICES[symbol]}
    if status != 200:
        fail(
            _(
                "{what} answered status {status} with {body!r}; expected 200 with {expected}.",
                what=what,
                status=status,
                body=body,
                expected=expected,
            )
        )
    if body != expected:
        hint = ""
        if isinstance(body, dict) and str(body.get("symbol", "")).upper() == symbol and body.get("symbol") != symbol:
            hint = " " + _("Upper-case the symbol from the URL: `symbol.upper()`.")
        fail(
            _("{what} answered {body!r}; expected exactly {expected}.", what=what, body=body, expected=expected) + hint
        )


@functools.cache  # a success holds for the whole check process; a failure is raised again each time
def _require_no_blocking() -> None:
    """One request, watched by a heartbeat: the view must await the async client and never block."""
    from django.test import AsyncClient

    fake = _install(delay=0.01)
    _get("/quote/acme/")  # warm up: the first request imports urls.py and builds Django's handler
    fake.reset(delay=0.3, expected=1)

    async def watched() -> Any:
        async with LoopHeartbeat() as beat:
            await AsyncClient().get("/quote/globex/")
        return beat

    beat = _drive(watched, "GET /quote/globex/")
    if fake.blocking_calls:
        if beat.max_gap > BLOCKED:
            harm = _(
                "Called inside `async def`, it froze the event loop for {ms:.0f} ms, and "
                "every other request on the server with it.",
                ms=beat.max_gap * 1000,
            )
        else:
            harm = _(
                "Moved to a thread (`sync_to_async`), it does not block the loop, but ties up a thread per request."
            )
        fail(
            _(
                "Your view called `upstream.fetch_price_blocking(...)`, the old blocking client. {harm} The "
                "service has an async client: `price = await upstream.fetch_price(symbol)`.",
                harm=harm,
            )
        )
    beat.assert_not_blocked(BLOCKED, _("your view (GET /quote/globex/)"))
    if not fake.symbols:
        fail(
            _(
                "Your view answered without calling `upstream.fetch_price(symbol)`: the price must come from the "
                "upstream service (the check replaces it with a fake and counts the calls)."
            )
        )


# --- the checks -----------------------------------------------------------------------------


def test_quote_is_an_async_view() -> None:
    """quote is an async view: `async def quote(request, symbol)`"""
    _quote()


def test_answers_the_price_as_json() -> None:
    """GET /quote/acme/ answers 200 {"symbol": "ACME", "price": 12.5} as JSON"""
    _quote()
    fake = _install(delay=0.01)
    for path, symbol in (("/quote/acme/", "ACME"), ("/quote/Initech/", "INITECH")):
        response = _get(path)
        body = _json_of(response, f"GET {path}")
        if fake.blocking_calls and not fake.symbols:
            fail(
                _(
                    "Your view got the price from `upstream.fetch_price_blocking(...)`. This exercise is about "
                    "awaiting: use the async client, `price = await upstream.fetch_price(symbol)`."
                )
            )
        _check_quote(response.status_code, body, symbol, f"GET {path}")


def test_unknown_symbol_is_404() -> None:
    """GET /quote/nope/ answers 404 {"error": "unknown symbol: NOPE"}"""
    _quote()
    _install(delay=0.01)
    response = _get("/quote/nope/")
    expected = {"error": "unknown symbol: NOPE"}
    body = _json_of(response, "GET /quote/nope/")
    if response.status_code != 404 or body != expected:
        fail(
            _(
                "GET /quote/nope/ answered status {status} with {body!r}; expected 404 with {expected}.",
                status=response.status_code,
                body=body,
                expected=expected,
            )
        )


def test_waits_without_blocking() -> None:
    """the view awaits the async client and never blocks the event loop"""
    _quote()
    _require_no_blocking()


def test_ten_requests_at_once_under_uvicorn() -> None:
    """uvicorn serves 10 requests at once: all 10 wait on the upstream together, done in well under 1.5 s"""
    _quote()
    _require_no_blocking()
    from django.core.asgi import get_asgi_application

    fake = _install(delay=0.01)
    spy = RecordingApp(get_asgi_application(), heartbeat=True)
    symbols = [list(PRICES)[i % len(PRICES)] for i in range(CONCURRENT)]

    async def scenario(base: str) -> tuple[list[httpx.Response] | None, float]:
        # trust_env=False: never send the check's loopback requests through a proxy from the environment.
        async with httpx.AsyncClient(timeout=httpx.Timeout(5.0), trust_env=False) as client:
            await client.get(f"{base}/quote/acme/")  # warm up: connect, let Django load urls.py
            fake.reset(delay=DELAY, expected=CONCURRENT)
            spy.reset_measures()
            with Stopwatch() as watch:
                try:
                    async with asyncio.timeout(3.0):  # concurrent: about 0.4 s; one at a time: 4 s or more
                        responses = await asyncio.gather(*(client.get(f"{base}/quote/{s.lower()}/") for s in symbols))
                except TimeoutError:
                    return None, 3.0
            return list(responses), watch.elapsed

    with serve_django(spy) as base:
        responses, total = run_async(scenario(base), within=10, what=_("10 requests at once"))
    if responses is None:
        fail(
            _(
                "10 requests sent at once, each waiting {delay} s on the upstream service, were not all answered "
                "after 3 s; at most {peak} were waiting on the upstream at the same time. An async "
                "view awaiting it lets all 10 wait together (about {delay} s in all). Is something in your view "
                "serialising the requests (a lock, a blocking call)?",
                delay=DELAY,
                peak=fake.in_flight.peak,
            )
        )
    for response, symbol in zip(responses, symbols, strict=True):
        what = f"uvicorn: GET /quote/{symbol.lower()}/"
        body = response.json() if "json" in response.headers.get("content-type", "") else response.text[:200]
        _check_quote(response.status_code, body, symbol, what)
    if spy.max_gap > 0.2:
        fail(
            _(
                "Something blocked the server's event loop for {ms:.0f} ms while it answered 10 "
                "requests ({total:.2f} s in all). Under uvicorn every async view runs on that one loop: a "
                "blocking call in `async def` stops every request. Await instead.",
                ms=spy.max_gap * 1000,
                total=total,
            )
        )
    if fake.in_flight.peak < CONCURRENT:
        fail(
            _(
                "Of 10 requests sent at once, at most {peak} were waiting on the upstream service "
                "at the same time ({total:.2f} s in all); an async view awaiting it lets all 10 wait together "
                "(about {delay} s in all). "
                "Is something in your view serialising the requests (a lock, a blocking call)?",
                peak=fake.in_flight.peak,
                total=total,
                delay=DELAY,
            )
        )
    if total >= 1.5:
        fail(
            _(
                "10 requests with {delay} s of upstream waiting each took {total:.2f} s together; awaited "
                "concurrently they take about {delay} s. Is something else in your view waiting or blocking?",
                delay=DELAY,
                total=total,
            )
        )
