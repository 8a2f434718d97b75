"""Checks for lesson 5, exercise `unblock.py`: run a blocking library call in a worker thread."""

from __future__ import annotations

import asyncio
import inspect
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tutor.checkkit import (
    LoopHeartbeat,
    Stopwatch,
    _,
    fail,
    load_exercise,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
)

DELAY = 0.3  # what the real legacy_report blocks for
CALLS = 4  # fewer than the default executor's threads on any machine (min(32, cpus + 4) >= 5)
FIX = "`return await asyncio.to_thread(legacy_report, n)`"


def _on_loop_message() -> str:
    return _(
        "`legacy_report` ran on the event loop's own thread, so for its whole 0.3 s no other coroutine could "
        "run (a blocking call stays blocking inside `async def`, and wrapping it in a task does not change "
        "that). Hand it to a worker thread and wait politely: {fix}, or "
        "`await loop.run_in_executor(None, legacy_report, n)`.",
        fix=FIX,
    )


# The first failure that makes the timed check pointless (calls on the loop's thread, calls that
# never overlap): that check reports it at once instead of spending seconds to find it again.
_known_failure: list[str] = []


def _remember(error: BaseException) -> None:
    if isinstance(error, AssertionError) and not _known_failure:
        _known_failure.append(str(error))


class FakeLegacy:
    """Stands in for `legacy_report`: records the thread of every call and how many ran at once.

    With `meet`, each call waits (in its worker thread) until `meet` calls are inside together: this
    proves the calls overlapped without reading a clock. A call made on the event loop's own thread
    never waits, so a blocking answer fails fast instead of freezing the loop.
    """

    def __init__(self, *, delay: float = 0.0, delays: dict[int, float] | None = None, meet: int = 0) -> None:
        self.delay = delay
        self.delays = delays or {}
        self.loop_thread = threading.get_ident()  # checks run the event loop in this thread
        self.barrier = threading.Barrier(meet, timeout=1.0) if meet else None
        self.lock = threading.Lock()
        self.calls: list[tuple[int, bool]] = []  # (n, ran on the loop's thread)
        self.current = 0
        self.peak = 0
        self.gave_up = False
        self.__name__ = self.__qualname__ = "legacy_report"

    def __call__(self, n: int) -> str:
        on_loop = threading.get_ident() == self.loop_thread
        with self.lock:
            self.calls.append((n, on_loop))
            self.current += 1
            self.peak = max(self.peak, self.current)
        try:
            if self.barrier is not None and not on_loop:
                try:
                    self.barrier.wait()
                except threading.BrokenBarrierError:
                    self.gave_up = True
            pause = self.delays.get(n, self.delay)
            if pause:
                time.sleep(pause)
        finally:
            with self.lock:
                self.current -= 1
        return f"report {n}"

    @property
    def on_loop(self) -> bool:
        return any(on_loop for _n, on_loop in self.calls)


def _install(monkeypatch: pytest.MonkeyPatch, fake: FakeLegacy) -> Any:
    module = load_exercise()
    if not callable(getattr(module, "legacy_report", None)):
        fail(_("Your file has no `legacy_report` function any more. Keep it as it was given: you call it, unchanged."))
    monkeypatch.setattr(module, "legacy_report", fake)
    return module


def _fetch_report(monkeypatch: pytest.MonkeyPatch, fake: FakeLegacy) -> Callable[[int], Awaitable[Any]]:
    module = _install(monkeypatch, fake)
    return require_function(module, "fetch_report", is_async=True)


def _fetch_reports(monkeypatch: pytest.MonkeyPatch, fake: FakeLegacy) -> Callable[[list[int]], Awaitable[Any]]:
    module = _install(monkeypatch, fake)
    require_function(module, "fetch_report", is_async=True)
    return require_function(module, "fetch_reports", is_async=True)


def _run(make: Callable[[], Awaitable[Any]], fake: FakeLegacy, *, what: str, within: float) -> Any:
    """Run the learner's coroutine; explain the classic `to_thread(legacy_report(n))` slip."""
    with no_unawaited_coroutines():
        try:
            return run_async(make, within=within, what=what)
        except TypeError as error:
            if fake.on_loop and "not callable" in str(error):
                fail(
                    _(
                        "Your code called `legacy_report(n)` itself, on the event loop's thread, and handed "
                        "its result (a string) to the thread pool, which then tried to call that string "
                        "({error}). Pass the function and its arguments separately, so the worker thread "
                        "makes the call: {fix}.",
                        error=error,
                        fix=FIX,
                    )
                )
            raise


def _report(value: Any, what: str) -> Any:
    """The value of one report, failing clearly on a coroutine or a Future."""
    reject_coroutine(value, what)
    if isinstance(value, asyncio.Future):
        fail(
            _(
                "{what} gave back an asyncio Future instead of the report. `loop.run_in_executor(...)` "
                "returns a Future at once (the work already runs in a thread); `await` it to get the "
                "function's result: `return await loop.run_in_executor(None, legacy_report, n)`.",
                what=what,
            )
        )
    return value


def _reports(value: Any, numbers: list[int], fake: FakeLegacy) -> list[Any]:
    what = f"`await fetch_reports({numbers})`"
    _report(value, what)
    if not isinstance(value, list | tuple):
        fail(
            _(
                "{what} gave back a {kind} ({value!r}); it should return a list of reports.",
                what=what,
                kind=type(value).__name__,
                value=value,
            )
        )
    items = list(value)
    for item in items:
        if inspect.iscoroutine(item):
            item.close()  # closed on purpose, so Python does not also warn about it
            fail(
                _(
                    "{what} returned a list holding coroutine objects instead of reports: somewhere a call "
                    "to `asyncio.to_thread(...)` or `fetch_report(...)` was not awaited, so it never ran. "
                    "In `fetch_report`, write {fix}.",
                    what=what,
                    fix=FIX,
                )
            )
        _report(item, what)
    _require_calls(fake)
    if fake.on_loop:
        fail(
            _(
                "{what} called `legacy_report` on the event loop's own thread, so every other coroutine "
                "stood still while it ran. Call it through `fetch_report`, which hands it to a worker "
                "thread: {fix}.",
                what=what,
                fix=FIX,
            )
        )
    return items


def _require_calls(fake: FakeLegacy) -> None:
    if not fake.calls:
        fail(
            _(
                "Your code returned the report without calling `legacy_report`. Keep using the library's "
                "function (in real life you cannot rewrite it); just run it in a worker thread."
            )
        )


def _fail_no_overlap(peak: int) -> None:
    if peak > 1:
        fail(
            _(
                "At most {peak} of the {calls} legacy calls ran at the same time. Is your thread pool "
                "smaller than the number of calls (a `ThreadPoolExecutor(max_workers={peak})`)? Use the "
                "default executor (`asyncio.to_thread`) or a pool with enough threads.",
                peak=peak,
                calls=CALLS,
            )
        )
    fail(
        _(
            "The {calls} legacy calls ran one at a time. Awaiting `fetch_report` once per number in a loop "
            "runs them one after another: each sits in a thread while your coroutine waits for it to "
            "finish. Start them all, then wait: `await asyncio.gather(*(fetch_report(n) for n in numbers))`.",
            calls=CALLS,
        )
    )


# --- fetch_report ---------------------------------------------------------------------------


def test_fetch_report_is_a_coroutine_function(monkeypatch: pytest.MonkeyPatch) -> None:
    """fetch_report is a coroutine function (`async def`)"""
    _fetch_report(monkeypatch, FakeLegacy())


def test_fetch_report_returns_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """fetch_report(7) returns what legacy_report(7) returns"""
    fake = FakeLegacy()
    fetch_report = _fetch_report(monkeypatch, fake)
    value = _run(lambda: fetch_report(7), fake, what="`await fetch_report(7)`", within=2)
    _report(value, "`await fetch_report(7)`")
    _require_calls(fake)
    assert value == "report 7", _(
        "`await fetch_report(7)` gave {value!r}; expected 'report 7', what legacy_report returns.", value=value
    )


def test_fetch_report_runs_in_a_worker_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """fetch_report runs legacy_report in a worker thread, not on the event loop's thread"""
    fake = FakeLegacy()
    fetch_report = _fetch_report(monkeypatch, fake)
    value = _run(lambda: fetch_report(3), fake, what="`await fetch_report(3)`", within=2)
    _report(value, "`await fetch_report(3)`")
    _require_calls(fake)
    if fake.on_loop:
        _known_failure.append(_on_loop_message())
        fail(_on_loop_message())


def test_fetch_report_keeps_the_loop_free(monkeypatch: pytest.MonkeyPatch) -> None:
    """while legacy_report blocks for 0.3 s, the event loop keeps running"""
    fake = FakeLegacy(delay=DELAY)
    fetch_report = _fetch_report(monkeypatch, fake)

    async def watched() -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            value = await fetch_report(1)
        return value, beat

    value, beat = _run(watched, fake, what="`await fetch_report(1)`", within=3)
    assert _report(value, "`await fetch_report(1)`") == "report 1", _(
        "`await fetch_report(1)` gave {value!r}; expected 'report 1'.", value=value
    )
    if beat.max_gap > 0.15:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms during `fetch_report(1)`. "
                "The blocking call must run in a worker thread while the coroutine awaits it: {fix}.",
                ms=beat.max_gap * 1000,
                fix=FIX,
            )
        )


# --- fetch_reports --------------------------------------------------------------------------


def test_fetch_reports_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """fetch_reports returns one report per number, in the order of `numbers`"""
    numbers = [3, 1, 2]  # these finish in the order 1, 2, 3
    fake = FakeLegacy(delays={3: 0.15, 1: 0.05, 2: 0.1})
    fetch_reports = _fetch_reports(monkeypatch, fake)
    value = _run(lambda: fetch_reports(numbers), fake, what=f"`await fetch_reports({numbers})`", within=3)
    reports = _reports(value, numbers, fake)
    expected = [f"report {n}" for n in numbers]
    if reports == sorted(expected):
        fail(
            _(
                "The reports came back in the order the calls finished ({reports!r}), not in the order of "
                "`numbers` ({expected!r}). `asyncio.gather` keeps the order of its arguments.",
                reports=reports,
                expected=expected,
            )
        )
    assert reports == expected, _(
        "`await fetch_reports({numbers})` gave {reports!r}; expected {expected!r}.",
        numbers=numbers,
        reports=reports,
        expected=expected,
    )


def test_fetch_reports_overlap(monkeypatch: pytest.MonkeyPatch) -> None:
    """fetch_reports runs all the legacy calls at the same time"""
    numbers = list(range(CALLS))
    fake = FakeLegacy(meet=CALLS)
    fetch_reports = _fetch_reports(monkeypatch, fake)
    try:
        value = _run(lambda: fetch_reports(numbers), fake, what=f"`await fetch_reports({numbers})`", within=4)
        _reports(value, numbers, fake)
        if fake.gave_up or fake.peak < CALLS:
            _fail_no_overlap(fake.peak)
    except AssertionError as error:
        _remember(error)
        raise


def test_fetch_reports_timing_and_free_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """4 blocking calls of 0.3 s take about 0.3 s together, and the loop stays free"""
    if _known_failure:
        fail(_known_failure[0])
    numbers = list(range(CALLS))
    fake = FakeLegacy(delay=DELAY)
    fetch_reports = _fetch_reports(monkeypatch, fake)

    async def watched() -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            value = await fetch_reports(numbers)
        return value, beat

    with Stopwatch() as watch:
        value, beat = _run(watched, fake, what=f"`await fetch_reports({numbers})`", within=4)
    reports = _reports(value, numbers, fake)
    assert reports == [f"report {n}" for n in numbers], _(
        "`await fetch_reports({numbers})` gave {reports!r}.", numbers=numbers, reports=reports
    )
    if beat.max_gap > 0.15:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms during `fetch_reports`. "
                "Every blocking call must run in a worker thread while the coroutine awaits it.",
                ms=beat.max_gap * 1000,
            )
        )
    if fake.peak < CALLS:
        _fail_no_overlap(fake.peak)
    if watch.elapsed >= 2 * DELAY:
        fail(
            _(
                "All {calls} calls of {delay} s ran at the same time, yet `fetch_reports` took "
                "{secs:.2f} s instead of about {delay} s. Is something else in your code waiting?",
                calls=CALLS,
                delay=DELAY,
                secs=watch.elapsed,
            )
        )
