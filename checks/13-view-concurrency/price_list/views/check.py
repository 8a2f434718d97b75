"""Checks for lesson 13, exercise `price_list/views.py`: many calls to one service, at most
MAX_IN_FLIGHT (4) of them in flight at once per request, results in the order asked."""

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

CAP = 4


# --- helpers (local to this check) --------------------------------------------------------


class FakePrices:
    """The pricing service behind an httpx.MockTransport. A call, once in, waits (at most 0.3 s, and only
    until the first time that runs out) until CAP calls are in flight: a cap of 4 fills every round at
    once, and `in_flight.peak` is then exactly the cap the view keeps, on any machine."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.in_flight = InFlight()
        self.gave_up = False

    async def handle(self, request: httpx.Request) -> httpx.Response:
        item = int(request.url.path.strip("/").split("/")[-1])
        async with self.in_flight:
            deadline = time.monotonic() + 0.3
            while self.in_flight.current < CAP and not self.gave_up:
                if time.monotonic() > deadline:
                    self.gave_up = True
                await asyncio.sleep(0.005)
            await asyncio.sleep(self.delay)
        return httpx.Response(200, json={"id": item, "price": item * 2})


def _view() -> Any:
    django_project()
    view = getattr(load_exercise(), "prices", None)
    if view is None:
        fail(_("views.py has no `prices`. urls.py routes /prices/ to `views.prices`: keep that name."))
    require_async_view(view, "prices")
    return view


def _install(delay: float = 0.0) -> FakePrices:
    _view()
    upstreams = sys.modules["upstreams"]
    fake = FakePrices(delay)
    upstreams.client = httpx.AsyncClient(base_url=upstreams.BASE_URL, transport=httpx.MockTransport(fake.handle))
    return fake


def _explain(exc: BaseException, what: str) -> str:
    text, where = str(exc), learner_line(exc)
    said = _("{what} raised {error}: {text}{where}.", what=what, error=type(exc).__name__, text=text, where=where)
    if "bound to a different event loop" in text:
        return _(
            "{said} The semaphore was created once, at module level, so it belongs to the first event loop "
            "that waited on it; Django's test client runs each request in a new loop. It also caps the whole "
            "server, not one request. Create `asyncio.Semaphore(MAX_IN_FLIGHT)` inside the view.",
            said=said,
        )
    if "coroutine" in text:
        return _("{said} A coroutine turned up where a result was expected: did you forget `await`?", said=said)
    return said


def _get(*paths: str) -> tuple[list[Any], float]:
    """GET the paths at once (one event loop), with a heartbeat; the JSON bodies and the time taken."""
    from django.test import AsyncClient

    async def main() -> tuple[list[Any], float, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            with Stopwatch() as watch:
                responses = await asyncio.gather(*(AsyncClient().get(path) for path in paths))
        return list(responses), watch.elapsed, beat

    what = f"GET {paths[0]}"
    for path in paths[1:]:
        what = _("{earlier} and GET {path}", earlier=what, path=path)
    with no_unawaited_coroutines():
        try:
            responses, took, beat = run_django(main, within=4, what=what)
        except CheckFailure:
            raise
        except Exception as exc:
            fail(_explain(exc, what))
    beat.assert_not_blocked(0.15, _("your view ({what})", what=what))
    bodies = []
    for path, response in zip(paths, responses, strict=True):
        if response.status_code != 200:
            fail(
                _(
                    "GET {path} answered {status}; expected 200 with the prices.",
                    path=path,
                    status=response.status_code,
                )
            )
        bodies.append(response.json())
    return bodies, took


def _expect_prices(body: Any, ids: list[int], what: str) -> None:
    expected = [{"id": item, "price": item * 2} for item in ids]
    got = body.get("prices") if isinstance(body, dict) else None
    if got != expected:
        hint = ""
        if isinstance(got, list) and sorted(map(str, got)) == sorted(map(str, expected)):
            hint = _(" The right prices, in the wrong order: keep the order of the ids (gather keeps it for you).")
        fail(
            _(
                "{what} answered prices {got!r}; expected {expected!r}.{hint}",
                what=what,
                got=got,
                expected=expected,
                hint=hint,
            )
        )


# --- the checks -----------------------------------------------------------------------------


def test_prices_is_an_async_view() -> None:
    """prices is an async view: `async def prices(request)`"""
    _view()


def test_prices_in_the_order_asked() -> None:
    """GET /prices/?ids=... answers every price, in the order of the ids"""
    _install()
    ids = [7, 3, 12, 1, 5, 9, 2, 11]
    path = "/prices/?ids=" + ",".join(map(str, ids))
    (body,), _took = _get(path)
    _expect_prices(body, ids, f"GET {path}")


def test_at_most_four_in_flight() -> None:
    """12 prices: exactly MAX_IN_FLIGHT (4) calls in flight at once, no more, no fewer"""
    fake = _install(delay=0.1)
    ids = list(range(1, 13))
    path = "/prices/?ids=" + ",".join(map(str, ids))
    (body,), took = _get(path)
    _expect_prices(body, ids, f"GET {path}")
    peak = fake.in_flight.peak
    if peak == 1:
        fail(
            _(
                "GET {path}: only 1 call was in flight at a time: the view asks for one price after another, so "
                "12 waits add up. Start them all with `asyncio.gather`, and let the semaphore hold back all but "
                "{cap}.",
                path=path,
                cap=CAP,
            )
        )
    if peak > CAP:
        fail(
            _(
                "GET {path}: {peak} calls were in flight at once; the service allows {cap}. Create one "
                "`semaphore = asyncio.Semaphore(MAX_IN_FLIGHT)` in the view, before the calls, and put each call "
                "in `async with semaphore:`. (A semaphore created inside each call limits nothing: every call "
                "gets its own.)",
                path=path,
                peak=peak,
                cap=CAP,
            )
        )
    if peak < CAP:
        fail(
            _(
                "GET {path}: at most {peak} calls were in flight at once; the service allows {cap} "
                "(MAX_IN_FLIGHT). Use `asyncio.Semaphore(MAX_IN_FLIGHT)`: a smaller cap wastes time, a bigger one "
                "breaks the service's limit.",
                path=path,
                peak=peak,
                cap=CAP,
            )
        )
    if not 0.27 <= took < 1.0:
        fail(
            _(
                "GET {path} took {took:.2f} s: 12 calls of 0.1 s, {cap} at a time, take about 0.3 s. Is the view "
                "waiting for something else?",
                path=path,
                took=took,
                cap=CAP,
            )
        )


def test_two_requests_each_get_their_own_cap() -> None:
    """two requests at once: each has its own cap of 4, so 8 calls are in flight together"""
    fake = _install(delay=0.05)
    first, second = "/prices/?ids=1,2,3,4,5,6,7,8", "/prices/?ids=9,10,11,12,13,14,15,16"
    (a, b), _took = _get(first, second)
    _expect_prices(a, list(range(1, 9)), f"GET {first}")
    _expect_prices(b, list(range(9, 17)), f"GET {second}")
    if fake.in_flight.peak <= CAP:
        fail(
            _(
                "Two requests at once had at most {peak} calls in flight together; each request "
                "may have {cap}, so 8. A semaphore created once, at module level, is shared by every request on "
                "the server (and bound to the first event loop that waits on it). Create it inside the view.",
                peak=fake.in_flight.peak,
                cap=CAP,
            )
        )
