"""Checks for lesson 5, exercise `loop_lag.py`: a heartbeat that measures how late the event loop runs."""

from __future__ import annotations

import asyncio
import linecache
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from tutor.checkkit import (
    CheckFailure,
    _,
    fail,
    learner_file,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
)

Work = Callable[[], Awaitable[Any]]
MeasureLag = Callable[..., Awaitable[Any]]

BLOCK = 0.3  # how long the rude work blocks the loop
LIMIT = 0.15  # a polite loop is never this late (measured: about 0.01 s)
WITHIN = 2.0  # deadline for one call of measure_lag


def _start_heartbeat() -> str:
    return _(
        "Start the heartbeat as a task before you await the work: "
        "`beat = asyncio.create_task(heartbeat())`, then `await work()`."
    )


# The first problem that made measure_lag hang: later checks report it at once instead of waiting again.
_hung: list[str] = []


def _measure_lag() -> MeasureLag:
    return require_function(load_exercise(), "measure_lag", is_async=True)


def _run_guarded(main: Callable[[], Awaitable[Any]]) -> Any:
    """`run_async(main)` in a helper thread, so a loop that never gets control back cannot hang the check.

    A deadline inside the loop (`asyncio.timeout`) only fires when the loop gets a turn; a coroutine that
    loops without ever awaiting never gives it one. The thread lets this check notice, and say where.
    """
    if _hung:
        fail(_hung[0])
    outcome: dict[str, Any] = {}

    def target() -> None:
        sys.set_coroutine_origin_tracking_depth(16)  # per thread: lets a "never awaited" warning name the line
        try:
            outcome["value"] = run_async(main, within=WITHIN, what="`await measure_lag(work)`")
        except BaseException as error:  # handed over to the main thread below
            outcome["error"] = error

    runner = threading.Thread(target=target, name="measure-lag-check", daemon=True)
    with no_unawaited_coroutines():
        runner.start()
        runner.join(WITHIN + 0.5)
        if runner.is_alive():
            _hung.append(_stuck_message(runner))
            fail(_hung[0])
    if "error" in outcome:
        error = outcome["error"]
        # run_async's deadline failure is raised while handling the TimeoutError: a test of the
        # exception, not of its (translated) text.
        if isinstance(error, CheckFailure) and isinstance(error.__context__, TimeoutError):
            _hung.append(str(error))
        raise error
    return outcome["value"]


def _stuck_message(runner: threading.Thread) -> str:
    where = ""
    frame = sys._current_frames().get(runner.ident or -1)
    path = str(learner_file())
    while frame is not None:
        if frame.f_code.co_filename == path:
            code = linecache.getline(path, frame.f_lineno).strip()
            where = _(
                " (it was still running line {line}, in `{function}`: `{code}`)",
                line=frame.f_lineno,
                function=frame.f_code.co_name,
                code=code,
            )
            break
        frame = frame.f_back
    return _(
        "The event loop never got control back{where}: after {secs:g} s it was still stuck in your "
        "code. A coroutine that loops without awaiting anything, for example a heartbeat that waits with "
        "`time.sleep(interval)`, holds the loop's only thread forever: nothing else runs, not even the work "
        "it should measure. Let the heartbeat wait politely: `await asyncio.sleep(interval)`.",
        where=where,
        secs=WITHIN + 0.5,
    )


def _lag(value: Any, what: str) -> float:
    """The number measure_lag returned, failing clearly on anything else."""
    reject_coroutine(value, what)
    if isinstance(value, bool) or not isinstance(value, int | float):
        fail(
            _(
                "{what} gave back {value!r}; it should return the worst lateness as a number of seconds "
                "(a float such as 0.003), or 0.0 when no tick was late.",
                what=what,
                value=value,
            )
        )
    if value < 0:
        fail(
            _(
                "{what} returned {value:.3f} s: lateness cannot be negative. Measure each tick as "
                "(time after the sleep) - (time before it) - interval, and keep the largest, starting from 0.0.",
                what=what,
                value=value,
            )
        )
    return float(value)


@dataclass
class _Probe:
    """Work for measure_lag that reports what it saw: whether it ran, and what else ran beside it."""

    block: float = 0.0  # blocking time.sleep in the middle, between two polite pauses
    pause: float = 0.05
    error: BaseException | None = None
    started: int = 0
    finished: int = 0
    saw_other_tasks: bool = False

    def work(self) -> Work:
        """The zero-argument async function handed to measure_lag (named `work` in any message)."""

        async def work() -> str:
            self.started += 1
            await asyncio.sleep(self.pause)
            current = asyncio.current_task()
            self.saw_other_tasks = any(task is not current for task in asyncio.all_tasks())
            if self.block:
                time.sleep(self.block)
            if self.error is not None:
                raise self.error
            await asyncio.sleep(self.pause)
            self.finished += 1
            return "work result"

        work.__qualname__ = "work"
        return work


async def polite() -> None:
    """Work that never blocks: it only waits politely."""
    await asyncio.sleep(0.3)


async def _leftover_tasks(grace: float = 0.2) -> list[asyncio.Task[Any]]:
    """Tasks other than this one still running `grace` s after measure_lag returned (a cancelled
    task needs a turn of the loop to finish, and a heartbeat may finish its last sleep)."""
    current = asyncio.current_task()
    deadline = asyncio.get_running_loop().time() + grace
    while True:
        others = [task for task in asyncio.all_tasks() if task is not current and not task.done()]
        if not others or asyncio.get_running_loop().time() >= deadline:
            return others
        await asyncio.sleep(0.01)


def _fail_leftover(others: list[asyncio.Task[Any]], *, work_failed: bool) -> None:
    names = ", ".join(_describe(task) for task in others)
    if work_failed:
        found = ngettext(
            "{n} task was still running after `measure_lag` returned with an error from the work: {names}.",
            "{n} tasks were still running after `measure_lag` returned with an error from the work: {names}.",
            len(others),
            names=names,
        )
    else:
        found = ngettext(
            "{n} task was still running after `measure_lag` returned: {names}.",
            "{n} tasks were still running after `measure_lag` returned: {names}.",
            len(others),
            names=names,
        )
    advice = _(
        "A heartbeat that is never stopped ticks forever in the background. Cancel it and wait for it to "
        "finish before returning, in a `finally:` block so it also happens when the work fails: "
        "`beat.cancel()`, then `await beat` inside `try: ... except asyncio.CancelledError: pass`."
    )
    fail(f"{found} {advice}")


def _describe(task: asyncio.Task[Any]) -> str:
    coro = task.get_coro()
    name = getattr(coro, "__qualname__", None) or task.get_name()
    return f"`{name}`"


def test_measure_lag_is_a_coroutine_function() -> None:
    """measure_lag is a coroutine function (`async def`)"""
    _measure_lag()


def test_runs_the_work_and_returns_seconds() -> None:
    """measure_lag awaits work() once and returns a number of seconds"""
    measure_lag = _measure_lag()
    probe = _Probe(pause=0.02)

    async def scenario() -> tuple[Any, int]:
        value = await measure_lag(probe.work())
        return value, probe.finished  # counted as measure_lag returns

    value, finished = _run_guarded(scenario)
    lag = _lag(value, "`await measure_lag(work)`")
    if probe.started == 0:
        fail(
            _(
                "`measure_lag` returned {lag!r} without running the work. It must `await work()` (call it, "
                "then await what it returns) while the heartbeat ticks.",
                lag=lag,
            )
        )
    if probe.started > 1:
        fail(
            ngettext(
                "`measure_lag` ran the work {n} time; run it exactly once: `await work()`.",
                "`measure_lag` ran the work {n} times; run it exactly once: `await work()`.",
                probe.started,
            )
        )
    if finished == 0:
        fail(
            _(
                "`measure_lag` returned before the work had finished: the lag of a loop can only be known once "
                "the work is done. Did you forget `await` in front of `work()`?"
            )
        )


def test_polite_work_shows_no_lag() -> None:
    """work that only awaits asyncio.sleep(0.3) gives a lag near 0 (under 0.15 s)"""
    measure_lag = _measure_lag()

    lag = _lag(_run_guarded(lambda: measure_lag(polite)), "`await measure_lag(polite)`")
    if lag >= LIMIT:
        fail(
            _(
                "`measure_lag` reported {lag:.3f} s of lag for work that never blocked (it only awaited "
                "`asyncio.sleep(0.3)`), where a heartbeat sees about 0.01 s. Report how much *later than "
                "planned* a tick woke up: (time after the sleep) - (time before it) - interval, not how long "
                "the whole work took; and in seconds, not milliseconds.",
                lag=lag,
            )
        )


def test_lateness_excludes_the_interval() -> None:
    """with interval=0.2, polite work still gives a lag near 0: the planned sleep is not lateness"""
    measure_lag = _measure_lag()

    value = _run_guarded(lambda: measure_lag(polite, interval=0.2))
    lag = _lag(value, "`await measure_lag(polite, interval=0.2)`")
    if lag >= LIMIT:
        fail(
            _(
                "`measure_lag(polite, interval=0.2)` reported {lag:.3f} s of lag for work that never blocked. "
                "A tick that sleeps 0.2 s and wakes after 0.2 s is on time: subtract the `interval` you asked "
                "for, `late = loop.time() - before - interval`. (Also use the `interval` you are given.)",
                lag=lag,
            )
        )


def test_blocked_loop_is_detected() -> None:
    """work that blocks with time.sleep(0.3) gives a lag of at least 0.25 s"""
    measure_lag = _measure_lag()
    probe = _Probe(block=BLOCK)
    lag = _lag(_run_guarded(lambda: measure_lag(probe.work())), "`await measure_lag(work)`")
    if probe.finished == 0:
        fail(_("`measure_lag` returned before the work had finished. Did you forget `await` in front of `work()`?"))
    if lag > 10 * BLOCK:
        fail(
            _(
                "`measure_lag` reported {lag:g} for work that blocked the loop for {block} s: that looks like "
                "milliseconds. Return seconds, as `loop.time()` and `time.perf_counter()` give them.",
                lag=lag,
                block=BLOCK,
            )
        )
    if lag < BLOCK - 0.05:
        if not probe.saw_other_tasks:
            fail(
                _(
                    "`measure_lag` reported {lag:.3f} s for work that blocked the loop for {block} s, and while "
                    "the work ran, no other task was running: your heartbeat ran before or after the work, "
                    "not during it, so it could not see the stall. {advice}",
                    lag=lag,
                    block=BLOCK,
                    advice=_start_heartbeat(),
                )
            )
        fail(
            _(
                "`measure_lag` reported {lag:.3f} s for work that blocked the loop for {block} s. A task ran "
                "beside the work, but its ticks did not measure the stall. In the heartbeat, read "
                "`before = loop.time()`, `await asyncio.sleep(interval)`, then keep the largest "
                "`loop.time() - before - interval`, and return that largest value.",
                lag=lag,
                block=BLOCK,
            )
        )


def test_heartbeat_is_stopped() -> None:
    """no heartbeat task is left running after measure_lag returns"""
    measure_lag = _measure_lag()
    probe = _Probe(pause=0.05)

    async def scenario() -> tuple[Any, list[asyncio.Task[Any]]]:
        value = await measure_lag(probe.work())
        return value, await _leftover_tasks()

    value, others = _run_guarded(scenario)
    _lag(value, "`await measure_lag(work)`")
    if others:
        _fail_leftover(others, work_failed=False)


def test_heartbeat_is_stopped_when_work_fails() -> None:
    """when work() raises, measure_lag lets the error through and still stops the heartbeat"""
    measure_lag = _measure_lag()
    boom = ValueError("boom from the work")
    probe = _Probe(pause=0.05, error=boom)

    async def scenario() -> tuple[BaseException | None, Any, list[asyncio.Task[Any]]]:
        try:
            value = await measure_lag(probe.work())
        except BaseException as error:  # compared with the work's own error below
            return error, None, await _leftover_tasks()
        return None, value, await _leftover_tasks()

    error, value, others = _run_guarded(scenario)
    if error is None:
        fail(
            _(
                "The work raised `ValueError('boom from the work')`, but `measure_lag` returned {value!r} as if "
                "all went well. Let the work's error reach the caller: stop the heartbeat in a `finally:` "
                "block instead of catching the error.",
                value=value,
            )
        )
    if not _carries(error, boom):
        raise error
    if others:
        _fail_leftover(others, work_failed=True)


def _carries(error: BaseException, wanted: BaseException) -> bool:
    """True for the work's own error, or an exception group (a TaskGroup's) holding it."""
    if error is wanted:
        return True
    if isinstance(error, BaseExceptionGroup):
        return error.subgroup(lambda inner: inner is wanted) is not None
    return False
