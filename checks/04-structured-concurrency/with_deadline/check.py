"""Checks for lesson 4, exercise `with_deadline.py`: a deadline that really stops the work."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from tutor.checkkit import (
    LoopHeartbeat,
    Stopwatch,
    _,
    fail,
    fake_job,
    load_exercise,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
)

Job = Callable[[], Awaitable[Any]]
WithDeadline = Callable[[Job, float], Awaitable[Any]]

# A job that would take SLOW seconds, given a deadline of DEADLINE seconds.
SLOW = 1.5
DEADLINE = 0.2


def _with_deadline() -> WithDeadline:
    return require_function(load_exercise(), "with_deadline", is_async=True)


@dataclass
class _Tracked:
    """What a tracked job went through, recorded by the job itself."""

    started: bool = False
    cleaned_up: bool = False
    finished: bool = False
    task: asyncio.Task[Any] | None = None


@dataclass(frozen=True)
class _Snapshot:
    """The tracked job as it was the moment with_deadline returned (before the loop cleaned up)."""

    result: Any
    elapsed: float
    started: bool
    cleaned_up: bool
    finished: bool
    cancel_requested: bool  # cancel() was called on the job's task, which had not stopped yet
    left: list[str]  # tasks started during the call and still running


def _tracked_job(state: _Tracked, *, takes: float) -> Job:
    """A job that takes `takes` seconds and records whether it was stopped and cleaned up."""

    async def slow_job() -> str:
        state.started = True
        state.task = asyncio.current_task()
        try:
            await asyncio.sleep(takes)
        finally:
            state.cleaned_up = True
        state.finished = True
        return "too late"

    slow_job.__qualname__ = "slow_job"  # as the check's messages call it
    return slow_job


def _snapshot(state: _Tracked, result: Any, elapsed: float, before: set[asyncio.Task[Any]]) -> _Snapshot:
    current = asyncio.current_task()
    left = [task for task in asyncio.all_tasks() if task not in before and task is not current]
    job_task = state.task
    return _Snapshot(
        result=result,
        elapsed=elapsed,
        started=state.started,
        cleaned_up=state.cleaned_up,
        finished=state.finished,
        cancel_requested=job_task is not None and not job_task.done() and job_task.cancelling() > 0,
        left=[getattr(task.get_coro(), "__qualname__", task.get_name()) for task in left],
    )


def _run_timed_out(with_deadline: WithDeadline, *, takes: float, seconds: float) -> _Snapshot:
    """Call with_deadline on a tracked job that is too slow, and describe what happened."""
    state = _Tracked()

    async def scenario() -> tuple[_Snapshot, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            before = asyncio.all_tasks()
            with Stopwatch() as watch:
                result = await with_deadline(_tracked_job(state, takes=takes), seconds)
            # Look right away, before anything else awaits: leaving this block, or the loop shutting
            # down, gives a cancelled-but-not-awaited job its turn to clean up, and would hide it.
            seen = _snapshot(state, result, watch.elapsed, before)
        return seen, beat

    call = f"`await with_deadline(slow_job, {seconds:g})`"
    with no_unawaited_coroutines():
        try:
            seen, beat = run_async(scenario, within=3, what=call)
        except TimeoutError:
            fail(
                _(
                    "{call} raised TimeoutError. The deadline worked, but the caller asked for None when the "
                    "job is too slow: catch the timeout inside `with_deadline` "
                    "(`except TimeoutError: return None`; since Python 3.11 `asyncio.TimeoutError` is the "
                    "same class).",
                    call=call,
                )
            )
    reject_coroutine(seen.result, call)
    if not seen.started:
        beat.assert_not_blocked(what="`with_deadline`")  # a blocked loop never gives the job a turn
        fail(
            _(
                "{call} never ran the job: `job()` must be awaited, or wrapped in a task, for it to run (and "
                "a task runs only when the event loop gets a turn: nothing may block it).",
                call=call,
            )
        )
    return seen


def test_with_deadline_is_a_coroutine_function() -> None:
    """with_deadline is a coroutine function (`async def`)"""
    _with_deadline()


def test_returns_the_result_in_time() -> None:
    """a job that finishes in time gives its result"""
    with_deadline = _with_deadline()
    call = _("`await with_deadline(job, 1)` (a job of 0.05 s)")

    async def watched() -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            result = await with_deadline(fake_job("report", delay=0.05), 1)
        return result, beat

    with no_unawaited_coroutines():
        result, beat = run_async(watched, within=3, what=call)
    reject_coroutine(result, call)
    if result != "report":
        beat.assert_not_blocked(what="`with_deadline`")  # a blocked loop explains a missed result first
    if isinstance(result, asyncio.Future):
        fail(
            _(
                "{call} gave back an asyncio {kind} instead of the job's result. Await it: "
                "`return await job()` inside the deadline block, or `return task.result()` once it is done.",
                call=call,
                kind=type(result).__name__,
            )
        )
    assert result == "report", _(
        "{call} gave {result!r}; the job finished well within its deadline, so return what it returned ('report').",
        call=call,
        result=result,
    )


def test_gives_up_at_the_deadline() -> None:
    """a job that takes too long gives None, as soon as the deadline passes"""
    seen = _run_timed_out(_with_deadline(), takes=SLOW, seconds=DEADLINE)
    call = _("`await with_deadline(slow_job, {deadline:g})` (a job of {slow:g} s)", deadline=DEADLINE, slow=SLOW)
    if seen.finished:
        fail(
            _(
                "{call} waited {secs:.2f} s, until the job finished, and returned {result!r}. A "
                "deadline must interrupt the job, not check the time afterwards: wrap the await in "
                "`async with asyncio.timeout(seconds):`, or use `await asyncio.wait_for(job(), seconds)`.",
                call=call,
                secs=seen.elapsed,
                result=seen.result,
            )
        )
    if seen.result is not None:
        fail(_("{call} returned {result!r}; when the deadline passes, return None.", call=call, result=seen.result))
    if seen.elapsed < DEADLINE * 0.9:
        fail(
            _(
                "{call} gave up after {secs:.2f} s, before its {deadline:g} s deadline. Wait for "
                "`seconds` (the argument), no less.",
                call=call,
                secs=seen.elapsed,
                deadline=DEADLINE,
            )
        )
    if seen.elapsed > DEADLINE + 0.5:
        fail(
            _(
                "{call} returned None only after {secs:.2f} s; it should give up {deadline:g} s after "
                "it started (the `seconds` argument). Use `seconds` as the deadline, not a fixed number.",
                call=call,
                secs=seen.elapsed,
                deadline=DEADLINE,
            )
        )


def test_cancels_the_job_on_timeout() -> None:
    """on timeout the job is cancelled, and has finished cleaning up when with_deadline returns"""
    seen = _run_timed_out(_with_deadline(), takes=1.0, seconds=0.1)
    call = "`await with_deadline(slow_job, 0.1)`"
    if seen.finished:
        fail(
            _(
                "{call} let the job run to its end ({result!r}): nothing interrupted it at the deadline. "
                "Use `async with asyncio.timeout(seconds):` or `asyncio.wait_for(job(), seconds)`, which "
                "cancel it.",
                call=call,
                result=seen.result,
            )
        )
    if seen.cleaned_up and not seen.left:
        return
    if seen.cancel_requested:
        fail(
            _(
                "{call} asked the job to stop (`task.cancel()`) but returned before the job had stopped: its "
                "`finally` block had not run yet. `cancel()` only requests a cancellation; await the task "
                "afterwards (for example `await asyncio.wait([task])`) so it finishes cancelling first. "
                "`asyncio.timeout` and `asyncio.wait_for` do this for you.",
                call=call,
            )
        )
    if not seen.cleaned_up:
        fail(
            _(
                "{call} returned {result!r} while the job was still running: it stopped waiting for the "
                "job, but never stopped the job. `asyncio.wait(..., timeout=...)` and "
                "`as_completed(timeout=...)` leave the work running, and `asyncio.shield` protects it from "
                "being cancelled. Use `async with asyncio.timeout(seconds):` or "
                "`asyncio.wait_for(job(), seconds)`: on timeout they cancel the job and wait until it has "
                "stopped.",
                call=call,
                result=seen.result,
            )
        )
    fail(
        _(
            "{call} returned while {count} task(s) it started were still running "
            "({names}). Every task you start must be finished (or cancelled and awaited) "
            "before you return.",
            call=call,
            count=len(seen.left),
            names=", ".join(seen.left),
        )
    )


def test_job_errors_pass_through() -> None:
    """an exception raised by the job is not turned into None"""
    with_deadline = _with_deadline()
    error = ValueError("the report is broken")

    async def broken_job() -> Any:
        await asyncio.sleep(0.01)
        raise error

    broken_job.__qualname__ = "broken_job"
    call = "`await with_deadline(broken_job, 1)`"

    async def watched() -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            result = await with_deadline(broken_job, 1)
        return result, beat

    with no_unawaited_coroutines():
        try:
            result, beat = run_async(watched, within=3, what=call)
        except ValueError as exc:
            if exc is error:
                return
            raise
    reject_coroutine(result, call)
    beat.assert_not_blocked(what="`with_deadline`")  # a blocked loop never gives the job a turn
    fail(
        _(
            "The job raised {error!r} after 0.01 s, long before its 1 s deadline, but {call} returned "
            "{result!r} instead of letting the error through. Only a timeout means None: catch "
            "`TimeoutError` alone, not `Exception` (which hides real bugs).",
            error=error,
            call=call,
            result=result,
        )
    )


def test_keeps_the_loop_free() -> None:
    """with_deadline never blocks the event loop, in time or too late"""
    with_deadline = _with_deadline()

    async def watched() -> LoopHeartbeat:
        async with LoopHeartbeat() as beat:
            await with_deadline(fake_job("quick", delay=0.05), 0.5)
            await with_deadline(fake_job("slow", delay=0.6), 0.25)
        return beat

    with no_unawaited_coroutines():
        try:
            beat = run_async(watched, within=4, what="`await with_deadline(job, seconds)`")
        except TimeoutError:
            return  # raising instead of returning None is judged by its own check
    beat.assert_not_blocked(what="`with_deadline`")
