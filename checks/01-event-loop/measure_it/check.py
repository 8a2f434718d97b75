"""Checks for lesson 1, exercise `measure_it.py`: time jobs run one after another, then all at once."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

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

Job = Callable[[], Awaitable[Any]]
Compare = Callable[[list[Job]], Awaitable[Any]]

# Distinct delays: one after another they take the sum (0.6 s), all at once the longest (0.3 s).
DELAYS = (0.3, 0.1, 0.2)
SEQUENTIAL = sum(DELAYS)
CONCURRENT = max(DELAYS)


def _forgot_await() -> str:
    return _(
        "Did you forget `await` (for example before `asyncio.gather(...)`)? Without it the jobs are only "
        "scheduled, and your clock stops before they have run."
    )


def _compare() -> Compare:
    return require_function(load_exercise(), "compare", is_async=True)


def _timing(result: Any) -> tuple[float, float]:
    """The two numbers of a `Timing`, failing clearly on anything else."""
    timing_class = getattr(load_exercise(), "Timing", None)
    if timing_class is None:
        fail(_("Your file has no `Timing` class any more. Keep the `Timing` dataclass from the exercise file."))
    reject_coroutine(result, "`await compare(jobs)`")
    if not isinstance(result, timing_class):
        fail(
            _(
                "`compare` returned a {kind} ({value}); it should return a `Timing`, "
                "e.g. `return Timing(sequential=sequential, concurrent=concurrent)`.",
                kind=type(result).__name__,
                value=_short(result),
            )
        )
    numbers = []
    for field in ("sequential", "concurrent"):
        value = getattr(result, field, None)
        if inspect.iscoroutine(value):
            value.close()
        if isinstance(value, bool) or not isinstance(value, int | float):
            fail(
                _(
                    "`Timing.{field}` is {value!r}; it should be a number of seconds, such as "
                    "`time.perf_counter() - start`.",
                    field=field,
                    value=value,
                )
            )
        numbers.append(float(value))
    return numbers[0], numbers[1]


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _PhaseRecorder:
    """Fake jobs that tell which run over the jobs they belong to: a job's first call belongs to
    the one-after-another run, its second call to the all-at-once run. No clock needed."""

    def __init__(self, count: int, delay: float) -> None:
        self.count = count
        self.delay = delay
        self.calls = [0] * count
        self.phases = {1: InFlight(), 2: InFlight()}
        self.finished = 0
        self.overlapped = False

    def jobs(self) -> list[Job]:
        return [self._job(index) for index in range(self.count)]

    def _job(self, index: int) -> Job:
        async def job() -> int:
            self.calls[index] += 1
            phase = self.phases.get(self.calls[index])
            if phase is None:
                return index
            if self.calls[index] == 2 and self.phases[1].current > 0:
                self.overlapped = True
            async with phase:
                await asyncio.sleep(self.delay)
            self.finished += 1
            return index

        job.__name__ = job.__qualname__ = f"job_{index}"
        return job


def test_compare_is_a_coroutine_function() -> None:
    """compare is a coroutine function (`async def`)"""
    _compare()


def test_compare_returns_a_timing() -> None:
    """compare returns a Timing with two numbers of seconds"""
    compare = _compare()
    recorder = _PhaseRecorder(2, delay=0.01)
    with no_unawaited_coroutines():
        result = run_async(compare(recorder.jobs()), within=2, what="`await compare(jobs)`")
    _timing(result)


def test_one_after_another_then_all_at_once() -> None:
    """compare runs the jobs one after another, then all at once"""
    compare = _compare()
    recorder = _PhaseRecorder(3, delay=0.05)

    async def scenario() -> tuple[Any, int]:
        result = await compare(recorder.jobs())
        return result, recorder.finished  # counted as compare returns, before the loop shuts down

    with no_unawaited_coroutines():
        result, finished = run_async(scenario, within=3, what="`await compare(jobs)`")
    _timing(result)
    if recorder.calls != [2, 2, 2]:
        fail(
            _(
                "Each job should run exactly twice: once in the one-after-another run, once in the "
                "all-at-once run. `compare` called the three jobs {calls} times.",
                calls=recorder.calls,
            )
        )
    if finished < 2 * recorder.count:
        fail(
            _(
                "`compare` returned while {count} job(s) were still running, so its clock stopped too early.",
                count=2 * recorder.count - finished,
            )
            + " "
            + _forgot_await()
        )
    if recorder.overlapped:
        fail(
            _(
                "Your two runs overlapped: the all-at-once run started while the one-after-another run "
                "was still going, so neither number means anything. Finish timing the first run "
                "(a plain loop) before you start the second."
            )
        )
    sequential_peak = recorder.phases[1].peak
    if sequential_peak > 1:
        fail(
            ngettext(
                "In the one-after-another run, {n} jobs ran at the same time. Run and time "
                "that phase first with a plain loop, `for job in jobs: await job()`, so each job finishes "
                "before the next starts.",
                "In the one-after-another run, {n} jobs ran at the same time. Run and time "
                "that phase first with a plain loop, `for job in jobs: await job()`, so each job finishes "
                "before the next starts.",
                sequential_peak,
            )
        )
    concurrent_peak = recorder.phases[2].peak
    if concurrent_peak < recorder.count:
        fail(
            _(
                "In the all-at-once run, at most {peak} of the {total} jobs ran at the "
                "same time. Start them together: `await asyncio.gather(*(job() for job in jobs))`.",
                peak=concurrent_peak,
                total=recorder.count,
            )
        )


def test_keeps_the_loop_free() -> None:
    """compare never blocks the event loop"""
    compare = _compare()
    recorder = _PhaseRecorder(3, delay=0.05)

    async def watched() -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            result = await compare(recorder.jobs())
        return result, beat

    with no_unawaited_coroutines():
        result, beat = run_async(watched, within=3, what="`await compare(jobs)`")
    _timing(result)
    beat.assert_not_blocked(what="`compare`")


def test_reported_times_match_the_jobs() -> None:
    """the two durations match the jobs: about the sum of the delays, then about the longest"""
    compare = _compare()
    jobs: list[Job] = [_sleeper(index, delay) for index, delay in enumerate(DELAYS)]
    delays = ", ".join(f"{d:g}" for d in DELAYS)

    with no_unawaited_coroutines(), Stopwatch() as watch:
        result = run_async(compare(jobs), within=4, what="`await compare(jobs)`")
    sequential, concurrent = _timing(result)

    if sequential + concurrent > watch.elapsed + 0.01:
        fail(
            _(
                "`compare` reported {sequential:.2f} s and {concurrent:.2f} s, {total:.2f} s "
                "together, but the whole call took only {elapsed:.2f} s: one measurement includes the "
                "other, or is not a duration. Take `start = time.perf_counter()` right before each run and "
                "`time.perf_counter() - start` right after it.",
                sequential=sequential,
                concurrent=concurrent,
                total=sequential + concurrent,
                elapsed=watch.elapsed,
            )
        )
    if sequential < SEQUENTIAL * 0.9 <= concurrent:
        fail(
            _(
                "`compare` reported sequential={sequential:.2f} s and concurrent={concurrent:.2f} s: the "
                "one-after-another run should be the slower one. Did you swap the two numbers? Check the "
                "order in `Timing(sequential=..., concurrent=...)`.",
                sequential=sequential,
                concurrent=concurrent,
            )
        )
    if concurrent < CONCURRENT * 0.9:
        fail(
            _(
                "With jobs of {delays} s, the all-at-once run cannot finish before the longest job "
                "({longest:g} s), but `compare` reported {concurrent:.3f} s.",
                delays=delays,
                longest=CONCURRENT,
                concurrent=concurrent,
            )
            + " "
            + _forgot_await()
        )
    if sequential < SEQUENTIAL * 0.9:
        fail(
            _(
                "With jobs of {delays} s run one after another, the first run takes at least their sum "
                "({total:g} s), but `compare` reported {sequential:.3f} s. Await each job in turn "
                "inside the timed part: `for job in jobs: await job()`.",
                delays=delays,
                total=SEQUENTIAL,
                sequential=sequential,
            )
        )
    if concurrent > CONCURRENT + 0.25:
        fail(
            _(
                "The all-at-once run took {concurrent:.2f} s; jobs of {delays} s running together should "
                "take about {longest:g} s, the longest one. Start them all before waiting: "
                "`await asyncio.gather(*(job() for job in jobs))`.",
                concurrent=concurrent,
                delays=delays,
                longest=CONCURRENT,
            )
        )


def _sleeper(index: int, delay: float) -> Job:
    async def job() -> float:
        await asyncio.sleep(delay)
        return delay

    job.__name__ = job.__qualname__ = f"job_{index}"
    return job
