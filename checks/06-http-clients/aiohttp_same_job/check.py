"""Checks for lesson 6, exercise `aiohttp_same_job.py`: many requests with one aiohttp session, partial failure."""

from __future__ import annotations

import asyncio
import gc
import inspect
import json
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import aiohttp
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
    serve_asgi,
)

FetchAll = Callable[[str, list[str], int, float], Awaitable[Any]]
CALL = "`await fetch_all(base_url, paths, limit, timeout)`"
HANG_CAP = 3.0  # the fake server gives up on a hanging request after this long anyway
GUARD = 2.0  # how long the check waits for `fetch_all` when a request hangs


class ItemsUpstream:
    """The fake API, served by uvicorn: /items/<n> (JSON), /status/<code>, /hang. Counts connections."""

    def __init__(self) -> None:
        self.reset()

    def reset(self, delay: float = 0.0, delays: dict[str, float] | None = None, wait_for: int = 0) -> None:
        """`wait_for`: hold each request until that many are in flight (for 1 s at most), so the peak
        count proves concurrency however slowly a busy machine opens the connections."""
        self.delay = delay
        self.delays = delays or {}
        self.wait_for = wait_for
        self.gave_up_waiting = False
        self.connections: set[tuple[str, int]] = set()
        self.in_flight = InFlight()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        host, port = scope["client"]
        self.connections.add((host, port))  # one (host, port) per TCP connection
        path = scope["path"]
        async with self.in_flight:
            if path == "/hang":
                await _until_disconnected(receive)
            else:
                await self._wait_for_company()
                await asyncio.sleep(self.delays.get(path, self.delay))
        if path.startswith("/status/"):
            status = int(path.removeprefix("/status/"))
            body: dict[str, Any] = {"error": f"status {status}"}
        elif path.startswith("/items/"):
            status, body = 200, {"item": int(path.removeprefix("/items/"))}
        else:
            status, body = 504, {"error": "gave up"}
        await send(
            {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]}
        )
        await send({"type": "http.response.body", "body": json.dumps(body).encode()})

    async def _wait_for_company(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 1.0
        while self.in_flight.current < self.wait_for and not self.gave_up_waiting:
            if loop.time() > deadline:
                self.gave_up_waiting = True  # code that is not concurrent: stop holding requests back
                return
            await asyncio.sleep(0.005)


async def _until_disconnected(receive: Any) -> None:
    """Wait until the client gives up and closes the connection (or HANG_CAP seconds)."""
    try:
        async with asyncio.timeout(HANG_CAP):
            while (await receive())["type"] != "http.disconnect":
                pass
    except TimeoutError:
        pass


UPSTREAM = ItemsUpstream()


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """One local server for the whole check file, always stopped at the end."""
    with serve_asgi(UPSTREAM) as url:
        yield url


def _fetch_all() -> FetchAll:
    return require_function(load_exercise(), "fetch_all", is_async=True)


def _items(numbers: range | list[int]) -> list[dict[str, int]]:
    return [{"item": n} for n in numbers]


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 90 else text[:87] + "..."


def _run(
    base_url: str,
    paths: list[str],
    limit: int,
    timeout: float,
    *,
    heartbeat: LoopHeartbeat | None = None,
    unclosed: list[str] | None = None,
) -> list[Any]:
    """Run `fetch_all` with a guard against hanging; fail clearly on the usual wrong results.

    With `unclosed`, the loop's reports of sessions or connectors left open are collected there.
    """
    fetch_all = _fetch_all()

    async def scenario() -> tuple[str, Any]:
        if unclosed is not None:
            _record_unclosed(asyncio.get_running_loop(), unclosed)
        deadline = asyncio.timeout(GUARD)
        try:
            async with deadline:
                if heartbeat is None:
                    result = await fetch_all(base_url, paths, limit, timeout)
                else:
                    async with heartbeat:
                        result = await fetch_all(base_url, paths, limit, timeout)
            if unclosed is not None:
                gc.collect()  # a session nobody closed reports itself when it is collected
            return "returned", result
        except TimeoutError as exc:
            if deadline.expired():
                return "hung", None
            return "raised", exc  # a request's timeout escaped `fetch_all`
        except (aiohttp.ClientError, ExceptionGroup) as exc:
            # A request's error escaped `fetch_all` instead of taking its place in the list.
            if all(isinstance(leaf, aiohttp.ClientError | TimeoutError) for leaf in _leaves(exc)):
                return "raised", exc
            raise

    with no_unawaited_coroutines():
        outcome, result = run_async(scenario, within=GUARD + 2, what=CALL)
    if outcome == "hung":
        fail(
            _(
                "`fetch_all(..., timeout={timeout:g})` was still running after {guard:g} s: one request went to a "
                "server that never answers, and nothing gave up on it. Give the session a timeout: "
                "`aiohttp.ClientSession(..., timeout=aiohttp.ClientTimeout(total=timeout))`. aiohttp's default "
                "total timeout is 300 s (5 minutes).",
                timeout=timeout,
                guard=GUARD,
            )
        )
    if outcome == "raised":
        _escaped(result)
    reject_coroutine(result, CALL)
    if not isinstance(result, list):
        fail(
            _(
                "{what} gave back a {kind} ({value}); return a list, one item per path.",
                what=CALL,
                kind=type(result).__name__,
                value=_short(result),
            )
        )
    coroutines = [item for item in result if inspect.iscoroutine(item)]
    for item in coroutines:
        item.close()
    if coroutines:
        fail(
            ngettext(
                "`fetch_all` returned {n} coroutine objects in its list: await every request first.",
                "`fetch_all` returned {n} coroutine objects in its list: await every request first.",
                len(coroutines),
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
    for item in result:
        if isinstance(item, aiohttp.ClientConnectionError) and "Connection closed" in str(item):
            fail(
                _(
                    "The requests failed with `{kind}: {error}`: your code read the body after its "
                    "`async with session.get(...) as response:` block had ended. Leaving the block releases the "
                    "connection, and the unread body with it. Read it inside the block: "
                    "`return await response.json()` one line up, indented.",
                    kind=type(item).__name__,
                    error=item,
                )
            )
    return result


def _record_unclosed(loop: asyncio.AbstractEventLoop, reports: list[str]) -> None:
    """aiohttp reports a session or connector collected while still open to the loop's exception handler."""

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        message = str(context.get("message", ""))
        if message.startswith("Unclosed"):
            reports.append(message)
        else:
            loop.default_exception_handler(context)

    loop.set_exception_handler(handler)


def _escaped(error: BaseException) -> None:
    leaves = _leaves(error)
    shown = ", ".join(f"{type(leaf).__name__}: {str(leaf).splitlines()[0] if str(leaf) else ''}" for leaf in leaves)
    fail(
        _(
            "`fetch_all` raised ({shown}) instead of returning the results. One bad path must not lose the "
            "others: catch each request's error and put the exception in that path's place, e.g. "
            "`asyncio.gather(..., return_exceptions=True)`, or a `try`/`except` inside the per-path coroutine "
            "that returns the exception.",
            shown=shown,
        )
    )


def _leaves(error: BaseException) -> list[BaseException]:
    if isinstance(error, BaseExceptionGroup):
        return [leaf for inner in error.exceptions for leaf in _leaves(inner)]
    return [error]


def _expect_items(result: list[Any], paths: list[str], expected: dict[int, Any]) -> None:
    """`expected` maps positions to the JSON that must be there."""
    for index, want in expected.items():
        got = result[index]
        if isinstance(got, BaseException):
            fail(
                _(
                    "{path} answers 200 with {want}, but its item is an error: "
                    "{kind}: {error}. Only failed requests should hold an exception.",
                    path=paths[index],
                    want=want,
                    kind=type(got).__name__,
                    error=got,
                )
            )
        assert got == want, _(
            "The item for {path} is {got}; expected its JSON, {want}.", path=paths[index], got=_short(got), want=want
        )


def test_fetch_all_is_a_coroutine_function() -> None:
    """fetch_all is a coroutine function (`async def`)"""
    _fetch_all()


def test_json_in_the_order_of_paths(base_url: str) -> None:
    """fetch_all returns each path's JSON, in the order of `paths`"""
    delays = {"/items/0": 0.08, "/items/1": 0.02, "/items/2": 0.06, "/items/3": 0.0, "/items/4": 0.04}
    paths = list(delays)
    UPSTREAM.reset(delays=delays)
    result = _run(base_url, paths, limit=5, timeout=5.0)
    _expect_items(result, paths, dict(enumerate(_items(range(5)))))


def test_does_not_block_the_loop(base_url: str) -> None:
    """fetch_all keeps the event loop free while the answers are on their way"""
    paths = ["/items/0", "/items/1"]
    UPSTREAM.reset(delay=0.25)
    beat = LoopHeartbeat()
    result = _run(base_url, paths, limit=2, timeout=5.0, heartbeat=beat)
    if beat.max_gap > 0.15:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms while `fetch_all` waited for the "
                "server. A synchronous HTTP call (`requests.get`, `httpx.get`, `urllib.request.urlopen`) inside "
                "`async def` freezes every other coroutine until its answer arrives; use the aiohttp session and "
                "`await` its calls.",
                ms=beat.max_gap * 1000,
            )
        )
    _expect_items(result, paths, dict(enumerate(_items(range(2)))))


def test_error_statuses_become_exceptions(base_url: str) -> None:
    """a 404 and a 500 come back as ClientResponseError; the other paths still return their JSON"""
    paths = ["/items/0", "/status/404", "/items/2", "/status/500"]
    UPSTREAM.reset(delay=0.01)
    result = _run(base_url, paths, limit=4, timeout=5.0)
    for index, status in ((1, 404), (3, 500)):
        item = result[index]
        if isinstance(item, dict):
            fail(
                _(
                    "{path} answered {status}, yet its item is the error page's JSON, {item}, as if it were "
                    "data. aiohttp does not raise for an error status by itself: call `response.raise_for_status()` "
                    "inside the `async with` (or create the session with `raise_for_status=True`).",
                    path=paths[index],
                    status=status,
                    item=item,
                )
            )
        if not isinstance(item, aiohttp.ClientResponseError):
            fail(
                _(
                    "The item for {path} (status {status}) is {item}; put the exception itself in "
                    "the list, the `aiohttp.ClientResponseError` that `raise_for_status()` raised, so the caller "
                    "can read its `.status`.",
                    path=paths[index],
                    status=status,
                    item=_short(item),
                )
            )
        assert item.status == status, _(
            "The error for {path} has status {got}; expected {status}.",
            path=paths[index],
            got=item.status,
            status=status,
        )
    _expect_items(result, paths, {0: {"item": 0}, 2: {"item": 2}})


def test_a_hanging_server_times_out(base_url: str) -> None:
    """with timeout=0.2, a server that never answers gives a TimeoutError; the rest still return"""
    paths = ["/items/0", "/hang", "/items/2"]
    UPSTREAM.reset(delay=0.01)
    with Stopwatch() as watch:
        result = _run(base_url, paths, limit=3, timeout=0.2)
    item = result[1]
    if not isinstance(item, TimeoutError):
        fail(
            _(
                "The item for /hang, a server that never answers, is {item}; expected the "
                "`TimeoutError` that aiohttp raises when `ClientTimeout(total=timeout)` runs out.",
                item=_short(item),
            )
        )
    _expect_items(result, paths, {0: {"item": 0}, 2: {"item": 2}})
    if watch.elapsed < 0.15:
        fail(
            _(
                "`fetch_all` gave up on /hang after {secs:.2f} s, though `timeout` was 0.2 s. Use the "
                "`timeout` you are given: `aiohttp.ClientTimeout(total=timeout)`.",
                secs=watch.elapsed,
            )
        )


def test_never_more_than_limit_and_one_session(base_url: str) -> None:
    """with limit=3, exactly 3 requests are in flight at once, over at most 3 connections"""
    paths = [f"/items/{n}" for n in range(6)]
    UPSTREAM.reset(delay=0.1, wait_for=3)
    result = _run(base_url, paths, limit=3, timeout=5.0)
    _expect_items(result, paths, dict(enumerate(_items(range(6)))))
    peak, opened = UPSTREAM.in_flight.peak, len(UPSTREAM.connections)
    if peak == 1:
        fail(
            _(
                "The requests ran one at a time: awaiting each request in a loop waits for its answer before "
                "sending the next. Start them all with `asyncio.gather(...)` and let an `asyncio.Semaphore(limit)` "
                "(or `aiohttp.TCPConnector(limit=limit)`) hold back all but `limit` of them."
            )
        )
    if peak > 3:
        fail(
            _(
                "{peak} requests were in flight at once, but `limit` was 3. Hold ONE `asyncio.Semaphore(limit)` "
                "around each request, or give the session `connector=aiohttp.TCPConnector(limit=limit)`.",
                peak=peak,
            )
        )
    if peak < 3:
        fail(
            _(
                "At most {peak} requests were in flight at once, but `limit` was 3: keep all 3 slots busy.",
                peak=peak,
            )
        )
    if opened > 3:
        fail(
            _(
                "6 requests, at most 3 at a time, opened {opened} TCP connections: your code makes a new "
                "`aiohttp.ClientSession` per request, and each session has its own connection pool. Open ONE "
                "session in `fetch_all` (`async with aiohttp.ClientSession(...) as session:`) and send every "
                "request through it, so finished requests hand their connection to the next.",
                opened=opened,
            )
        )


def test_ten_requests_overlap(base_url: str) -> None:
    """ten requests of 0.1 s with limit=10 take about 0.1 s together, not 1 s"""
    paths = [f"/items/{n}" for n in range(10)]
    UPSTREAM.reset(delay=0.1, wait_for=10)
    with Stopwatch() as watch:
        result = _run(base_url, paths, limit=10, timeout=5.0)
    _expect_items(result, paths, dict(enumerate(_items(range(10)))))
    peak = UPSTREAM.in_flight.peak
    if peak < 10:
        fail(
            _(
                "With limit=10 and 10 paths, no more than {peak} of them were in flight at once, so the ten 0.1 s "
                "requests took {secs:.2f} s. Start them all before waiting: `asyncio.gather(...)`.",
                peak=peak,
                secs=watch.elapsed,
            )
        )
    if watch.elapsed >= 0.5:
        fail(
            _(
                "All ten requests were in flight together, yet `fetch_all` took {secs:.2f} s; ten "
                "overlapping 0.1 s requests should take about 0.1 s. Is something in `fetch_all` waiting or blocking?",
                secs=watch.elapsed,
            )
        )


def test_closes_its_session(base_url: str) -> None:
    """fetch_all closes the session it opened"""
    paths = ["/items/0", "/items/1"]
    UPSTREAM.reset()
    unclosed: list[str] = []
    result = _run(base_url, paths, limit=2, timeout=5.0, unclosed=unclosed)
    _expect_items(result, paths, dict(enumerate(_items(range(2)))))
    if "Unclosed client session" in unclosed:
        fail(
            _(
                "`fetch_all` left its `aiohttp.ClientSession` open (aiohttp warns: 'Unclosed client session'): its "
                "connections stay open until the garbage collector finds them. Open it with `async with "
                "aiohttp.ClientSession(...) as session:`, which closes it when the block ends, or "
                "`await session.close()`."
            )
        )
