"""Checks for lesson 6, exercise `fetch_many.py`: many requests through one client, at most `limit` at once."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest

from tutor.checkkit import (
    InFlight,
    LoopHeartbeat,
    Stopwatch,
    _,
    fail,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
)

FetchAll = Callable[[httpx.AsyncClient, list[str], int], Awaitable[Any]]

BASE_URL = "http://upstream.test"
CALL = "`await fetch_all(client, paths, limit)`"


def _one_at_a_time() -> str:
    return _(
        "The requests ran one at a time: `await client.get(path)` in a loop waits for each response before "
        "sending the next request. Start them all (`asyncio.gather` or a TaskGroup) and let an "
        "`asyncio.Semaphore(limit)` hold back all but `limit` of them."
    )


def _own_client() -> str:
    return _(
        "Your code sent a request through an HTTP client of its own instead of the `client` it was given. "
        "Use `client.get(path)`: the given client carries the base URL, the timeouts and the connection pool "
        "that every request should share (a new `httpx.AsyncClient()` per request opens a new pool and new "
        "connections each time)."
    )


class FakeUpstream:
    """An `httpx.MockTransport` handler: JSON for each path, with delays, counting requests in flight."""

    def __init__(self, delay: float = 0.05, delays: dict[str, float] | None = None) -> None:
        self.delay = delay
        self.delays = delays or {}
        self.statuses: dict[str, int] = {}
        self.in_flight = InFlight()
        self.seen: list[str] = []
        self.finished: list[str] = []
        self.waits: dict[str, Callable[[], Awaitable[None]]] = {}

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.seen.append(path)
        async with self.in_flight:
            wait = self.waits.get(path)
            if wait is not None:
                await wait()
            else:
                await asyncio.sleep(self.delays.get(path, self.delay))
        self.finished.append(path)
        status = self.statuses.get(path, 200)
        if status != 200:
            return httpx.Response(status, json={"error": f"status {status}"})
        return httpx.Response(200, json={"path": path})

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self), base_url=BASE_URL)


@pytest.fixture(autouse=True)
def no_real_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any request that does not go through the check's fake upstream fails with a teaching message."""

    async def refuse_async(self: Any, request: httpx.Request) -> httpx.Response:
        fail(_own_client())

    def refuse(self: Any, request: httpx.Request) -> httpx.Response:
        fail(_own_client())

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", refuse_async)
    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", refuse)
    yield


def _fetch_all() -> FetchAll:
    return require_function(load_exercise(), "fetch_all", is_async=True)


def _run(
    fetch_all: FetchAll,
    upstream: FakeUpstream,
    paths: list[str],
    limit: int,
    *,
    within: float = 3.0,
    heartbeat: LoopHeartbeat | None = None,
) -> list[Any]:
    """Run `fetch_all` against `upstream` with a deadline; fail clearly on the usual wrong results."""

    async def scenario() -> tuple[Any, bool]:
        client = upstream.client()  # not entered: `fetch_all` must neither open nor close it
        try:
            if heartbeat is None:
                result = await fetch_all(client, paths, limit)
            else:
                async with heartbeat:
                    result = await fetch_all(client, paths, limit)
            return result, client.is_closed
        finally:
            await client.aclose()

    try:
        with no_unawaited_coroutines():
            result, closed = run_async(scenario, within=within, what=CALL)
    except AttributeError as exc:
        if "'coroutine' object" in str(exc):
            fail(
                _(
                    "Your code used a coroutine object as if it were a response ({error}). `client.get(path)` "
                    "is a coroutine: it runs when you await it. Did you forget `await` before `client.get(...)`?",
                    error=exc,
                )
            )
        raise
    except RuntimeError as exc:
        if "client" in str(exc) and ("more than once" in str(exc) or "been closed" in str(exc)):
            _closed_the_client(_("httpx refused to go on: {error}", error=exc))
        raise
    reject_coroutine(result, CALL)
    if closed:
        _closed_the_client(_("afterwards `client.is_closed` was True"))
    if not isinstance(result, list):
        fail(
            _(
                "{what} gave back a {kind} ({value}); return a list, one body per path.",
                what=CALL,
                kind=type(result).__name__,
                value=_short(result),
            )
        )
    if not upstream.seen and paths:
        fail(_("No request reached the `client` you were given. {advice}", advice=_own_client()))
    coroutines = [item for item in result if inspect.iscoroutine(item)]
    for item in coroutines:
        item.close()  # closed on purpose, so Python does not also warn about them
    if coroutines:
        fail(
            ngettext(
                "`fetch_all` returned a list holding {n} coroutine objects instead of bodies. A "
                "coroutine runs only when it is awaited: `await asyncio.gather(*(fetch(path) for path in paths))`.",
                "`fetch_all` returned a list holding {n} coroutine objects instead of bodies. A "
                "coroutine runs only when it is awaited: `await asyncio.gather(*(fetch(path) for path in paths))`.",
                len(coroutines),
            )
        )
    responses = [item for item in result if isinstance(item, httpx.Response)]
    if responses:
        fail(
            _(
                "`fetch_all` returned `httpx.Response` objects ({first!r}...); return each body as JSON "
                "instead: `response.json()` after `response.raise_for_status()`.",
                first=responses[0],
            )
        )
    texts = [item for item in result if isinstance(item, str | bytes)]
    if texts:
        fail(
            _(
                "`fetch_all` returned raw text ({text}); return the parsed JSON: `response.json()`.",
                text=_short(texts[0]),
            )
        )
    if len(result) != len(paths):
        fail(
            _(
                "`fetch_all` was given {paths} paths but returned {items} items: {result}.",
                paths=len(paths),
                items=len(result),
                result=_short(result),
            )
        )
    return result


def _closed_the_client(what: str) -> None:
    fail(
        _(
            "`fetch_all` closed the client it was given ({what}). The caller created that client and will "
            "use it again; only the code that creates a client closes it. Drop the `async with client:` (or "
            "`aclose()`) inside `fetch_all` and just use `client.get(...)`.",
            what=what,
        )
    )


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _bodies(paths: list[str]) -> list[dict[str, str]]:
    return [{"path": path} for path in paths]


def _expect_bodies(result: list[Any], paths: list[str], upstream: FakeUpstream) -> None:
    """The JSON body of each path, in the order of `paths` (not in the order the answers came)."""
    if result != _bodies(paths) and result == _bodies(upstream.finished):
        fail(
            _(
                "The bodies came back in the order the responses arrived, not in the order of `paths`. "
                "`asyncio.gather` keeps the order of its arguments (and `asyncio.as_completed` does not); "
                "with tasks, read the results in the order you created them."
            )
        )
    assert result == _bodies(paths), _(
        "`fetch_all` returned {result}; expected the JSON body of each path, in order: "
        "{expected}. Return `response.json()` for each response.",
        result=_short(result),
        expected=_short(_bodies(paths)),
    )


def test_fetch_all_is_a_coroutine_function() -> None:
    """fetch_all is a coroutine function (`async def`)"""
    _fetch_all()


def test_no_paths() -> None:
    """fetch_all(client, [], 3) returns an empty list"""
    result = _run(_fetch_all(), FakeUpstream(), [], 3, within=2)
    assert result == [], _(
        "{what} with no paths gave {result}; with nothing to fetch, return `[]`.", what=CALL, result=_short(result)
    )


def test_bodies_in_the_order_of_paths() -> None:
    """fetch_all returns each JSON body, in the order of `paths`"""
    delays = {"/items/0": 0.15, "/items/1": 0.03, "/items/2": 0.1, "/items/3": 0.0, "/items/4": 0.06}
    paths = list(delays)
    upstream = FakeUpstream(delays=delays)
    result = _run(_fetch_all(), upstream, paths, limit=len(paths))
    _expect_bodies(result, paths, upstream)


def test_does_not_block_the_loop() -> None:
    """fetch_all keeps the event loop free while the responses are on their way"""
    paths = ["/items/0", "/items/1"]
    beat = LoopHeartbeat()
    upstream = FakeUpstream(delay=0.25)
    result = _run(_fetch_all(), upstream, paths, limit=2, heartbeat=beat)
    _expect_bodies(result, paths, upstream)
    beat.assert_not_blocked(what="`fetch_all`")


def test_uses_the_given_client_and_leaves_it_open() -> None:
    """fetch_all sends every request through the client it is given, and leaves it open"""
    paths = [f"/items/{i}" for i in range(4)]
    upstream = FakeUpstream(delay=0.01)
    result = _run(_fetch_all(), upstream, paths, limit=2)
    assert sorted(upstream.seen) == sorted(paths), _(
        "The client was asked for {seen}; `fetch_all` should GET each of {paths} exactly once.",
        seen=upstream.seen,
        paths=paths,
    )
    _expect_bodies(result, paths, upstream)


def test_never_more_than_limit_in_flight() -> None:
    """with limit=3, exactly 3 requests are in flight at once, never more"""
    paths = [f"/items/{i}" for i in range(9)]
    upstream = FakeUpstream(delay=0.05)
    result = _run(_fetch_all(), upstream, paths, limit=3)
    _expect_bodies(result, paths, upstream)
    peak = upstream.in_flight.peak
    if peak == 1:
        fail(_one_at_a_time())
    if peak > 3:
        fail(
            _(
                "{peak} requests were in flight at once, but `limit` was 3. Create ONE "
                "`asyncio.Semaphore(limit)` before starting the requests and hold it around each request: "
                "`async with semaphore: response = await client.get(path)`. (A semaphore created inside each "
                "request limits nothing: every request gets its own.)",
                peak=peak,
            )
        )
    if peak < 3:
        fail(
            _(
                "No more than {peak} requests were in flight at once, but `limit` was 3: use all 3 slots. "
                "`asyncio.Semaphore(limit)` lets exactly `limit` requests through at a time.",
                peak=peak,
            )
        )


def test_ten_requests_overlap() -> None:
    """ten requests of 0.1 s with limit=10 take about 0.1 s together, not 1 s"""
    paths = [f"/items/{i}" for i in range(10)]
    upstream = FakeUpstream(delay=0.1)
    with Stopwatch() as watch:
        result = _run(_fetch_all(), upstream, paths, limit=10)
    _expect_bodies(result, paths, upstream)
    if upstream.in_flight.peak < 10:
        fail(
            _(
                "With limit=10 and 10 paths, no more than {peak} of them were in flight at once, "
                "so the ten 0.1 s requests took {secs:.2f} s. Start every request before waiting for "
                "any: `asyncio.gather(*(fetch(path) for path in paths))`.",
                peak=upstream.in_flight.peak,
                secs=watch.elapsed,
            )
        )
    if watch.elapsed >= 0.5:
        fail(
            _(
                "All ten requests were in flight together, yet `fetch_all` took {secs:.2f} s; ten "
                "overlapping 0.1 s requests should take about 0.1 s. Is something else in `fetch_all` waiting, "
                "or blocking (`time.sleep`)?",
                secs=watch.elapsed,
            )
        )
    if watch.elapsed < 0.09:
        fail(
            _(
                "`fetch_all` returned after {secs:.3f} s, before its 0.1 s requests could finish.",
                secs=watch.elapsed,
            )
        )


def test_a_slow_response_does_not_hold_up_the_others() -> None:
    """a slow response does not stop the other slot from fetching (no batches)"""
    fast = [f"/fast/{i}" for i in range(6)]
    paths = ["/slow", *fast]
    upstream = FakeUpstream(delay=0.02)
    gave_up: list[bool] = []

    async def slow() -> None:
        # Answers once every fast path is done, so a free slot must have kept working meanwhile.
        deadline = asyncio.get_running_loop().time() + 1.0
        while len([p for p in upstream.finished if p.startswith("/fast/")]) < len(fast):
            if asyncio.get_running_loop().time() > deadline:
                gave_up.append(True)
                return
            await asyncio.sleep(0.01)

    upstream.waits["/slow"] = slow
    result = _run(_fetch_all(), upstream, paths, limit=2, within=4)
    _expect_bodies(result, paths, upstream)
    if upstream.in_flight.peak == 1:
        fail(_one_at_a_time())
    if gave_up:
        fail(
            _(
                "While one slow request was running, the other slot sat idle: your code sends the requests in "
                "groups of `limit` and waits for the slowest of each group before starting the next. Keep "
                "`limit` requests going all the time instead: start them all and hold ONE "
                "`asyncio.Semaphore(limit)` around each request, so a finished request frees its slot at once."
            )
        )


def test_an_error_status_raises() -> None:
    """an error status (here 404) raises httpx.HTTPStatusError"""
    paths = ["/items/0", "/items/missing", "/items/2"]
    upstream = FakeUpstream(delay=0.01)
    upstream.statuses["/items/missing"] = 404
    try:
        result = _run(_fetch_all(), upstream, paths, limit=3)
    except httpx.HTTPStatusError as exc:
        _is_404(exc)
        return
    except ExceptionGroup as group:  # a TaskGroup wraps its tasks' errors
        matched = group.subgroup(httpx.HTTPStatusError)
        if matched is not None:
            _is_404(_first_leaf(matched))
            return
        raise
    fail(
        _(
            "One path answered 404 Not Found, yet `fetch_all` returned {result}: the error page's JSON "
            "came back as if it were data. httpx does not raise for error statuses by itself; call "
            "`response.raise_for_status()` before `response.json()`.",
            result=_short(result),
        )
    )


def _first_leaf(group: BaseExceptionGroup[Any]) -> BaseException:
    first = group.exceptions[0]
    return _first_leaf(first) if isinstance(first, BaseExceptionGroup) else first


def _is_404(exc: BaseException) -> None:
    status = getattr(getattr(exc, "response", None), "status_code", None)
    assert status == 404, _(
        "`fetch_all` raised {error!r} for status {status}; the failing path answered 404.", error=exc, status=status
    )
