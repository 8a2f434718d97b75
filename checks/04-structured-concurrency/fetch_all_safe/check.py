"""Checks for lesson 4, exercise `fetch_all_safe.py`: run jobs at once, keep failures in their place."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from tutor.checkkit import (
    InFlight,
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
FetchAllSafe = Callable[[list[Job]], Awaitable[Any]]


def _fix() -> str:
    """The advice that ends every "one failure took the call down" message."""
    return _(
        "Collect each job's exception instead of raising it: "
        "`await asyncio.gather(*(job() for job in jobs), return_exceptions=True)`, or a TaskGroup whose "
        "tasks each run the job inside `try: ... except Exception as exc: return exc`."
    )


def _fetch_all_safe() -> FetchAllSafe:
    return require_function(load_exercise(), "fetch_all_safe", is_async=True)


def _call(fetch_all_safe: FetchAllSafe, jobs: list[Job], *, within: float, planted: list[Exception]) -> list[Any]:
    """Run `fetch_all_safe(jobs)` with a deadline; turn the usual wrong outcomes into teaching failures."""
    with no_unawaited_coroutines():
        try:
            result = run_async(fetch_all_safe(jobs), within=within, what="`await fetch_all_safe(jobs)`")
        except Exception as exc:
            if not _is_planted(exc, planted):
                raise
            if isinstance(exc, BaseExceptionGroup):
                names = ", ".join(repr(leaf) for leaf in _leaves(exc))
                fail(
                    _(
                        "`fetch_all_safe` raised an {kind} ({names}): a TaskGroup is "
                        "all-or-nothing. When one task fails it cancels the others and raises every error "
                        "together, so one failing job took the whole call down. Here the other jobs must "
                        "finish and the failure must be returned in its place. {fix}",
                        kind=type(exc).__name__,
                        names=names,
                        fix=_fix(),
                    )
                )
            fail(
                _(
                    "`fetch_all_safe` raised {exc!r}, the exception of one of the jobs: one failing job took "
                    "the whole call down, and the results of the others were lost. By default "
                    "`asyncio.gather` raises the first exception it sees. {fix}",
                    exc=exc,
                    fix=_fix(),
                )
            )
        return _plain_results(result, len(jobs))


def _leaves(group: BaseExceptionGroup[Any]) -> list[BaseException]:
    found: list[BaseException] = []
    for exc in group.exceptions:
        found.extend(_leaves(exc) if isinstance(exc, BaseExceptionGroup) else [exc])
    return found


_ESCAPED = object()  # stands for "a planted failure escaped", judged by its own check


def _is_planted(exc: BaseException, planted: list[Exception]) -> bool:
    """Is `exc` (or, for a group, one of its leaves) a failure raised by the check's own jobs?"""
    if isinstance(exc, BaseExceptionGroup):
        return any(leaf in planted for leaf in _leaves(exc))
    return exc in planted


def _unless_planted(scenario: Callable[[], Awaitable[Any]], planted: list[Exception]) -> Any:
    """Run `scenario`; `_ESCAPED` when one of the planted failures escaped from the learner's code."""
    try:
        return run_async(scenario, within=4, what="`await fetch_all_safe(jobs)`")
    except Exception as exc:
        if not _is_planted(exc, planted):
            raise
        return _ESCAPED


def _plain_results(result: Any, expected: int) -> list[Any]:
    reject_coroutine(result, "`await fetch_all_safe(jobs)`")
    if isinstance(result, asyncio.Future):
        if result.done() and not result.cancelled():
            result.exception()  # mark it retrieved, so asyncio does not log it from the garbage collector
        fail(
            _(
                "`await fetch_all_safe(jobs)` gave back an asyncio Future (`{kind}`) instead "
                "of the list of results. Did you forget `await` before `asyncio.gather(...)`?",
                kind=type(result).__name__,
            )
        )
    if isinstance(result, tuple):
        result = list(result)
    if not isinstance(result, list):
        fail(
            _(
                "`await fetch_all_safe(jobs)` gave back a {kind} ({result!r}); it should "
                "return a list with one entry per job.",
                kind=type(result).__name__,
                result=result,
            )
        )
    coroutines = [item for item in result if inspect.iscoroutine(item)]
    for item in coroutines:
        item.close()  # closed on purpose, so Python does not also warn about them
    if coroutines:
        fail(
            _(
                "`fetch_all_safe` returned {count} coroutine objects instead of the jobs' results. "
                "Calling `job()` only creates a coroutine; it runs when it is awaited (or wrapped in a task).",
                count=len(coroutines),
            )
        )
    if len(result) != expected:
        fail(
            _(
                "`fetch_all_safe` was given {expected} jobs but returned {got} entries: {result!r}. "
                "Return exactly one entry per job, a failed job's exception included, in the job's place.",
                expected=expected,
                got=len(result),
                result=result,
            )
        )
    return result


def _failing_job(error: Exception, *, delay: float, in_flight: InFlight | None = None) -> Job:
    """A job that waits `delay` seconds without blocking, then raises `error`."""

    async def job() -> Any:
        if in_flight is None:
            await asyncio.sleep(delay)
        else:
            async with in_flight:
                await asyncio.sleep(delay)
        raise error

    job.__name__ = job.__qualname__ = f"failing_job_{type(error).__name__}"
    return job


def test_fetch_all_safe_is_a_coroutine_function() -> None:
    """fetch_all_safe is a coroutine function (`async def`)"""
    _fetch_all_safe()


def test_empty_list() -> None:
    """fetch_all_safe([]) returns an empty list"""
    result = _call(_fetch_all_safe(), [], within=2, planted=[])
    assert result == [], _(
        "`await fetch_all_safe([])` gave {result!r}; with no jobs, return an empty list `[]`.", result=result
    )


def test_results_in_the_order_of_jobs() -> None:
    """when every job succeeds, the results come in the order of `jobs`"""
    delays = {"slow": 0.15, "fast": 0.05, "medium": 0.1}
    names = list(delays)
    jobs = [fake_job(name, delay=delay) for name, delay in delays.items()]
    result = _call(_fetch_all_safe(), jobs, within=3, planted=[])
    if result == sorted(names, key=delays.__getitem__):
        fail(
            _(
                "The results came back in the order the jobs finished ({result!r}), not in the order of "
                "`jobs` ({names!r}). `asyncio.as_completed` gives completion order; `asyncio.gather` keeps the "
                "order of its arguments, and so does reading `task.result()` in the order you created the tasks.",
                result=result,
                names=names,
            )
        )
    assert result == names, _(
        "`fetch_all_safe` returned {result!r}; expected {names!r}, each job's return value in the order of `jobs`.",
        result=result,
        names=names,
    )


def test_failures_are_returned_in_their_place() -> None:
    """a job that raises gives its exception object, in its place; the other jobs still finish"""
    boom = ValueError("the price service said no")
    gone = ConnectionError("the stock service is down")
    jobs = [
        fake_job("prices", delay=0.12),
        _failing_job(boom, delay=0.02),
        fake_job("reviews", delay=0.06),
        _failing_job(gone, delay=0.0),
    ]
    result = _call(_fetch_all_safe(), jobs, within=3, planted=[boom, gone])
    expected = ["prices", boom, "reviews", gone]
    if all(got is want or (got == want and isinstance(want, str)) for got, want in zip(result, expected, strict=True)):
        return
    for index, planted in ((1, boom), (3, gone)):
        got = result[index]
        if got is None:
            fail(
                _(
                    "Entry {index} of the result is None, but job {index} raised {planted!r}: return the "
                    "exception object itself in its place, so the caller can see what went wrong "
                    "(`except Exception as exc: return exc`). Got {result!r}.",
                    index=index,
                    planted=planted,
                    result=result,
                )
            )
        if isinstance(got, str) and got in (str(planted), repr(planted)):
            fail(
                _(
                    "Entry {index} of the result is the text {got!r}; return the exception object itself "
                    "({planted!r}), not its message, so the caller can test `isinstance(entry, Exception)`.",
                    index=index,
                    got=got,
                    planted=planted,
                )
            )
        if isinstance(got, type) and isinstance(planted, got):
            fail(
                _(
                    "Entry {index} of the result is the class {name}; return the exception object "
                    "itself ({planted!r}), the one the job raised.",
                    index=index,
                    name=got.__name__,
                    planted=planted,
                )
            )
    if sorted(map(repr, result)) == sorted(map(repr, expected)):
        fail(
            _(
                "`fetch_all_safe` returned {result!r}: every entry is there, but not in the order of `jobs` "
                "(expected {expected!r}). Keep each result, and each failure, in the place of its job: "
                "`asyncio.gather` does that for you, `asyncio.as_completed` does not.",
                result=result,
                expected=expected,
            )
        )
    fail(
        _(
            "`fetch_all_safe` returned {result!r}; expected {expected!r}: each job's result, or the "
            "exception it raised, in the order of `jobs`.",
            result=result,
            expected=expected,
        )
    )


@dataclass
class _BarrierState:
    gave_up: list[str] = field(default_factory=list)


def _barrier_job(name: str, barrier: asyncio.Barrier, deadline: float, state: _BarrierState) -> Job:
    """A job that finishes only once every barrier job is waiting with it: proof of concurrency, no clock."""

    async def job() -> str:
        try:
            async with asyncio.timeout_at(deadline):
                await barrier.wait()
        except (TimeoutError, asyncio.BrokenBarrierError):
            state.gave_up.append(name)
        return name

    job.__name__ = job.__qualname__ = f"job_{name}"
    return job


def test_jobs_run_concurrently() -> None:
    """fetch_all_safe starts every job before waiting for any of them"""
    fetch_all_safe = _fetch_all_safe()
    state = _BarrierState()
    boom = RuntimeError("early failure")

    async def scenario() -> Any:
        barrier = asyncio.Barrier(3)
        # One shared deadline: one-at-a-time code waits once, not once per job.
        deadline = asyncio.get_running_loop().time() + 0.5
        jobs = [_barrier_job(name, barrier, deadline, state) for name in ("a", "b", "c")]
        jobs.insert(1, _failing_job(boom, delay=0.0))
        return await fetch_all_safe(jobs)

    with no_unawaited_coroutines():
        result = _unless_planted(scenario, [boom])
    if state.gave_up:
        fail(
            _(
                "The jobs ran one at a time: each job here waits until all the others are running too, but "
                "they had not started yet. A loop with `await job()` (even inside `try`) waits for each job "
                "to finish before starting the next. Start them all together: "
                "`await asyncio.gather(*(job() for job in jobs), return_exceptions=True)`."
            )
        )
    if result is not _ESCAPED:  # a failure raised instead of returned is judged by its own check
        _plain_results(result, 4)


def test_ten_jobs_take_about_as_long_as_one() -> None:
    """10 jobs of 0.1 s (two of them failing) take about 0.1 s together, not 1 s"""
    in_flight = InFlight()
    errors = [LookupError("job 3 failed"), OSError("job 7 failed")]
    jobs: list[Job] = [fake_job(i, delay=0.1, in_flight=in_flight) for i in range(10)]
    jobs[3] = _failing_job(errors[0], delay=0.1, in_flight=in_flight)
    jobs[7] = _failing_job(errors[1], delay=0.1, in_flight=in_flight)
    with Stopwatch() as watch:
        result = _call(_fetch_all_safe(), jobs, within=4, planted=errors)
    if in_flight.peak < 10:
        fail(
            _(
                "At most {peak} of the 10 jobs ran at the same time, so together they took "
                "{secs:.2f} s instead of about 0.1 s. Start every job before you wait for any: "
                "`asyncio.gather(...)` or a TaskGroup.",
                peak=in_flight.peak,
                secs=watch.elapsed,
            )
        )
    if watch.elapsed >= 0.5:
        fail(
            _(
                "All 10 jobs ran at once, yet `fetch_all_safe` took {secs:.2f} s; jobs that wait "
                "0.1 s each should take about 0.1 s together. Is something else in `fetch_all_safe` waiting "
                "or blocking?",
                secs=watch.elapsed,
            )
        )
    if watch.elapsed < 0.09:
        fail(
            _(
                "`fetch_all_safe` returned after {secs:.2f} s, before its 0.1 s jobs could finish. "
                "Wait for every job before returning.",
                secs=watch.elapsed,
            )
        )
    expected = [errors[0] if i == 3 else errors[1] if i == 7 else i for i in range(10)]
    assert result == expected, _(
        "`fetch_all_safe` returned {result!r}; expected {expected!r}.", result=result, expected=expected
    )


def test_keeps_the_loop_free() -> None:
    """fetch_all_safe never blocks the event loop"""
    fetch_all_safe = _fetch_all_safe()
    boom = ValueError("boom")
    jobs = [fake_job(0, delay=0.1), _failing_job(boom, delay=0.05), fake_job(2, delay=0.1)]

    async def watched() -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            result = _ESCAPED
            try:
                result = await fetch_all_safe(jobs)
            except Exception as exc:
                if not _is_planted(exc, [boom]):
                    raise
        return result, beat

    with no_unawaited_coroutines():
        result, beat = run_async(watched, within=4, what="`await fetch_all_safe(jobs)`")
    beat.assert_not_blocked(what="`fetch_all_safe`")
    if result is not _ESCAPED:
        _plain_results(result, len(jobs))
