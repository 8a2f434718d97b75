"""Checks for lesson 1, exercise `concurrent_waits.py`: run several coroutines at once, keep their order."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from tutor.checkkit import (
    InFlight,
    LoopHeartbeat,
    Stopwatch,
    _,
    fail,
    fake_job,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
)

Job = Callable[[], Awaitable[Any]]
RunAll = Callable[[list[Job]], Awaitable[Any]]

# Given in this order, these finish in the order fast, medium, slow.
ORDER_DELAYS = {"slow": 0.15, "fast": 0.05, "medium": 0.1}
TIMED_DELAY = 0.4
TIMED_JOBS = 3


def _run_all() -> RunAll:
    return require_function(load_exercise(), "run_all", is_async=True)


def _call(run_all: RunAll, jobs: list[Job], *, within: float) -> list[Any]:
    """Run `run_all(jobs)` with a deadline; fail clearly on the usual wrong return values."""
    with no_unawaited_coroutines():
        result = run_async(run_all(jobs), within=within, what="`await run_all(jobs)`")
        return _plain_results(result, len(jobs))


def _plain_results(result: Any, expected: int) -> list[Any]:
    reject_coroutine(result, "`await run_all(jobs)`")
    if isinstance(result, asyncio.Future):
        if result.done() and not result.cancelled():
            result.exception()  # mark it retrieved, so asyncio does not log it later from the garbage collector
        fail(
            _(
                "`await run_all(jobs)` gave back an asyncio Future (`{kind}`) instead of the "
                "list of results. Did you forget `await` before `asyncio.gather(...)`? Without it, `run_all` "
                "returns before any job has finished.",
                kind=type(result).__name__,
            )
        )
    if not isinstance(result, list):
        fail(
            _(
                "`await run_all(jobs)` gave back a {kind} ({result!r}); it should return a "
                "list with one result per job.",
                kind=type(result).__name__,
                result=result,
            )
        )
    coroutines = [item for item in result if inspect.iscoroutine(item)]
    for item in coroutines:
        item.close()  # closed on purpose, so Python does not also warn about them
    if coroutines:
        fail(
            ngettext(
                "`run_all` returned a list of {n} coroutine objects instead of the jobs' "
                "results. Calling `job()` only creates a coroutine; it runs when it is awaited. Await "
                "them all at once: `return await asyncio.gather(*(job() for job in jobs))`.",
                "`run_all` returned a list of {n} coroutine objects instead of the jobs' "
                "results. Calling `job()` only creates a coroutine; it runs when it is awaited. Await "
                "them all at once: `return await asyncio.gather(*(job() for job in jobs))`.",
                len(coroutines),
            )
        )
    if len(result) != expected:
        fail(
            _(
                "`run_all` was given {expected} jobs but returned {count} results: {result!r}.",
                expected=expected,
                count=len(result),
                result=result,
            )
        )
    return result


def test_run_all_is_a_coroutine_function() -> None:
    """run_all is a coroutine function (`async def`)"""
    _run_all()


def test_empty_list() -> None:
    """run_all([]) returns an empty list"""
    result = _call(_run_all(), [], within=2)
    assert result == [], _(
        "`await run_all([])` gave {result!r}; with no jobs, return an empty list `[]`.", result=result
    )


def test_results_in_the_order_of_jobs() -> None:
    """run_all returns each job's result, in the order of `jobs`"""
    run_all = _run_all()
    names = list(ORDER_DELAYS)
    jobs = [fake_job(name, delay=delay) for name, delay in ORDER_DELAYS.items()]
    result = _call(run_all, jobs, within=3)
    finish_order = sorted(names, key=ORDER_DELAYS.__getitem__)
    if result == finish_order:
        fail(
            _(
                "The results came back in the order the jobs finished ({result!r}), not in the order of "
                "`jobs` ({names!r}). `asyncio.gather` keeps the order of its arguments; with tasks, collect "
                "`task.result()` in the order you created them (not with `asyncio.as_completed`).",
                result=result,
                names=names,
            )
        )
    assert result == names, _(
        "`run_all` returned {result!r}; expected {names!r}, each job's return value in the order of `jobs`.",
        result=result,
        names=names,
    )


@dataclass
class _BarrierState:
    gave_up: bool = False


def _barrier_job(result: str, barrier: asyncio.Barrier, deadline: float, state: _BarrierState) -> Job:
    """A job that finishes only once every job is waiting with it: proof of concurrency, no clock."""

    async def job() -> str:
        try:
            async with asyncio.timeout_at(deadline):
                await barrier.wait()
        except (TimeoutError, asyncio.BrokenBarrierError):
            state.gave_up = True
        return result

    job.__name__ = job.__qualname__ = f"job_{result}"
    return job


def test_jobs_run_concurrently() -> None:
    """run_all starts every job before waiting for any of them"""
    run_all = _run_all()
    names = ["a", "b", "c"]
    state = _BarrierState()

    async def scenario() -> Any:
        barrier = asyncio.Barrier(len(names))
        # One shared deadline: one-at-a-time code waits once, not once per job.
        deadline = asyncio.get_running_loop().time() + 0.5
        return await run_all([_barrier_job(name, barrier, deadline, state) for name in names])

    with no_unawaited_coroutines():
        result = run_async(scenario, within=4, what="`await run_all(jobs)`")
        _plain_results(result, len(names))
    if state.gave_up:
        fail(
            _(
                "The jobs ran one at a time: each job here waits until all three are running, but the "
                "others had not started yet. `await job()` in a loop waits for each job to finish before "
                "starting the next, and so does awaiting coroutine objects one by one: a coroutine does not "
                "start until it is awaited. Start them all together with "
                "`await asyncio.gather(*(job() for job in jobs))`."
            )
        )


def test_total_time_is_the_longest_job() -> None:
    """3 jobs of 0.4 s each take about 0.4 s together, not 1.2 s"""
    run_all = _run_all()
    in_flight = InFlight()
    jobs = [fake_job(i, delay=TIMED_DELAY, in_flight=in_flight) for i in range(TIMED_JOBS)]
    with Stopwatch() as watch:
        result = _call(run_all, jobs, within=4)
    assert result == list(range(TIMED_JOBS)), _(
        "`run_all` returned {result!r}; expected {expected!r}.", result=result, expected=list(range(TIMED_JOBS))
    )
    if in_flight.peak < TIMED_JOBS:
        fail(
            _(
                "At most {peak} of the {total} jobs ran at the same time, so together they "
                "took {elapsed:.2f} s instead of about {delay} s. Start every job before you wait: "
                "`await asyncio.gather(*(job() for job in jobs))`.",
                peak=in_flight.peak,
                total=TIMED_JOBS,
                elapsed=watch.elapsed,
                delay=TIMED_DELAY,
            )
        )
    if watch.elapsed >= 2 * TIMED_DELAY:
        fail(
            _(
                "All {total} jobs ran at once, yet `run_all` took {elapsed:.2f} s; waiting jobs of "
                "{delay} s each should take about {delay} s together. Is something else in "
                "`run_all` waiting or blocking?",
                total=TIMED_JOBS,
                elapsed=watch.elapsed,
                delay=TIMED_DELAY,
            )
        )
    if watch.elapsed < TIMED_DELAY * 0.9:
        fail(
            _(
                "`run_all` returned after {elapsed:.2f} s, before its {delay} s jobs could finish. "
                "Wait for every job (`await`) before returning.",
                elapsed=watch.elapsed,
                delay=TIMED_DELAY,
            )
        )


def test_does_not_block_the_loop() -> None:
    """run_all keeps the event loop free while the jobs wait"""
    run_all = _run_all()
    jobs = [fake_job(i, delay=0.1) for i in range(3)]

    async def watched() -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            result = await run_all(jobs)
        return result, beat

    with no_unawaited_coroutines():
        result, beat = run_async(watched, within=4, what="`await run_all(jobs)`")
        _plain_results(result, len(jobs))
    beat.assert_not_blocked(what="`run_all`")
