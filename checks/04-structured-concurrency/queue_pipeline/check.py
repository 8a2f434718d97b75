"""Checks for lesson 4, exercise `queue_pipeline.py`: a queue, N workers, a clean shutdown."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tutor.checkkit import (
    InFlight,
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

RunPipeline = Callable[[Iterable[Any], Callable[[Any], Awaitable[None]], int], Awaitable[Any]]

# How long a pipeline may take before the check calls it stuck (the slowest good run needs 0.2 s).
STUCK_AFTER = 1.5
# A pipeline that got stuck once is not run again: the later checks repeat that message at once.
_stuck: list[str] = []


def _stop_workers() -> str:
    """The advice for workers that never stop."""
    return _(
        "Workers that loop on `await queue.get()` never finish by themselves. After `await queue.join()`, "
        "cancel them and await them (`await asyncio.gather(*workers, return_exceptions=True)`), or put one "
        "sentinel per worker in the queue so each loop can end."
    )


def _run_pipeline() -> RunPipeline:
    return require_function(load_exercise(), "run_pipeline", is_async=True)


@dataclass
class _Recorder:
    """A fake source and handler that record what the pipeline did with the items."""

    delay: float
    in_flight: InFlight = field(default_factory=InFlight)
    handled: Counter[Any] = field(default_factory=Counter)
    pulled: int = 0
    started: int = 0
    finished: int = 0
    most_ahead: int = 0  # the most items read from the source but not yet being handled

    def source(self, items: list[Any]) -> Iterator[Any]:
        """The items, one at a time, as a generator that counts how far the producer reads ahead."""
        for item in items:
            self.pulled += 1
            self.most_ahead = max(self.most_ahead, self.pulled - self.started)
            yield item

    def handler(self) -> Callable[[Any], Awaitable[None]]:
        """The `handle` given to run_pipeline: it waits `delay` seconds and records the item."""

        async def handle(item: Any) -> None:
            self.started += 1
            async with self.in_flight:
                await asyncio.sleep(self.delay)
            self.handled[item] += 1
            self.finished += 1

        handle.__qualname__ = "handle"  # named as the learner knows it, in "never awaited" messages
        return handle


@dataclass(frozen=True)
class _Outcome:
    """What one run looked like, read the moment run_pipeline returned."""

    elapsed: float
    left: list[str]  # tasks started by run_pipeline and still running
    cancel_requested: int  # how many of those were cancelled but not awaited
    still_handling: int  # calls of `handle` that had not finished
    beat: LoopHeartbeat


def _run(recorder: _Recorder, items: list[Any], workers: int) -> _Outcome:
    """Run the pipeline over `items`; fail with a diagnosis when it never finishes."""
    if _stuck:
        fail(_stuck[0])
    run_pipeline = _run_pipeline()
    call = f"`await run_pipeline(items, handle, workers={workers})`"

    async def scenario() -> _Outcome:
        async with LoopHeartbeat() as beat:
            before = asyncio.all_tasks()
            deadline = asyncio.timeout(STUCK_AFTER)
            try:
                with Stopwatch() as watch:
                    async with deadline:
                        result = await run_pipeline(recorder.source(items), recorder.handler(), workers)
            except TimeoutError:
                if deadline.expired():
                    _stuck.append(_diagnose_stuck(recorder, len(items), call))
                    fail(_stuck[0])
                raise
            # Look right away: leaving this block, or the loop shutting down, would give tasks that
            # were cancelled but not awaited their turn to finish, and hide them.
            current = asyncio.current_task()
            left = [task for task in asyncio.all_tasks() if task not in before and task is not current]
            outcome = _Outcome(
                elapsed=watch.elapsed,
                left=[getattr(task.get_coro(), "__qualname__", task.get_name()) for task in left],
                cancel_requested=sum(1 for task in left if task.cancelling()),
                still_handling=recorder.in_flight.current,
                beat=beat,
            )
        reject_coroutine(result, call)
        return outcome

    with no_unawaited_coroutines():
        return run_async(scenario, within=STUCK_AFTER + 2, what=call)


def _diagnose_stuck(recorder: _Recorder, count: int, call: str) -> str:
    where = _("{call} did not finish within {secs:g} s", call=call, secs=STUCK_AFTER)
    if recorder.finished >= count:
        return _(
            "{where}, although all {count} items had been handled: it waits for something that never "
            "happens. {advice} Also check that every `queue.get()` is matched by one "
            "`queue.task_done()`: `queue.join()` waits for exactly that.",
            where=where,
            count=count,
            advice=_stop_workers(),
        )
    if recorder.started == 0:
        return _(
            "{where}: no item was ever handled. Is the producer waiting on a full queue that nobody reads? "
            "With `maxsize`, `await queue.put(item)` waits while the queue is full, so start the worker "
            "tasks first, then feed the queue.",
            where=where,
        )
    return _(
        "{where}: only {finished} of {count} items were handled, then everything stopped. Did "
        "the workers stop too early (one sentinel for several workers, a `break` when the queue is "
        "momentarily empty), or does something wait for work that never comes?",
        where=where,
        finished=recorder.finished,
        count=count,
    )


def _judge_items(recorder: _Recorder, items: list[Any], outcome: _Outcome) -> None:
    expected = Counter(items)
    if recorder.handled == expected:
        return
    missing = sorted((expected - recorder.handled).elements())
    twice = sorted(item for item, times in recorder.handled.items() if times > 1)
    if missing and outcome.still_handling:
        fail(
            _(
                "`run_pipeline` returned while items were still being handled, and {count} of "
                "{total} items never finished ({missing!r}). Wait until the queue is drained "
                "(`await queue.join()`) before stopping the workers.",
                count=len(missing),
                total=len(items),
                missing=missing,
            )
        )
    if missing:
        fail(
            _(
                "{count} of {total} items were never handled: {missing!r}. Were the workers stopped "
                "before the queue was empty? `await queue.join()` first: it returns once `task_done()` was "
                "called for every item put into the queue.",
                count=len(missing),
                total=len(items),
                missing=missing,
            )
        )
    if twice:
        fail(_("Some items were handled more than once: {twice!r}. Each item goes into the queue once.", twice=twice))
    fail(
        _(
            "The handled items were {handled!r}; expected each of {items!r} exactly once.",
            handled=dict(recorder.handled),
            items=items,
        )
    )


def _judge_left(outcome: _Outcome) -> None:
    if not outcome.left:
        return
    names = ", ".join(outcome.left)
    if outcome.cancel_requested:
        fail(
            _(
                "`run_pipeline` returned while {count} task(s) it started were still running "
                "({names}): you cancelled them, but `cancel()` only requests it. Await them after cancelling "
                "(`await asyncio.gather(*workers, return_exceptions=True)`), so they have stopped before you "
                "return.",
                count=len(outcome.left),
                names=names,
            )
        )
    fail(
        _(
            "`run_pipeline` returned while {count} task(s) it started were still running ({names}), "
            "waiting for items that will never come. No task may outlive the call that started it. "
            "{advice}",
            count=len(outcome.left),
            names=names,
            advice=_stop_workers(),
        )
    )


def _judge_peak(recorder: _Recorder, *, workers: int, count: int) -> None:
    peak = recorder.in_flight.peak
    wanted = min(workers, count)
    if peak == wanted:
        return
    if peak > workers:
        fail(
            _(
                "With workers={workers}, up to {peak} items were handled at the same time. Only the `workers` "
                "worker tasks should call `handle`, each one item at a time; do not start a task per item.",
                workers=workers,
                peak=peak,
            )
        )
    fail(
        _(
            "With workers={workers} and {count} items, at most {peak} item(s) were handled at the same time, "
            "but {wanted} workers should have been busy together. Start `workers` worker tasks "
            "(`asyncio.create_task(worker())` in a loop) before you feed the queue.",
            workers=workers,
            count=count,
            peak=peak,
            wanted=wanted,
        )
    )


def test_run_pipeline_is_a_coroutine_function() -> None:
    """run_pipeline is a coroutine function (`async def`)"""
    _run_pipeline()


def test_every_item_handled_exactly_once() -> None:
    """every item is handled exactly once (12 items, 3 workers)"""
    recorder = _Recorder(delay=0.01)
    items = list(range(12))
    outcome = _run(recorder, items, 3)
    _judge_items(recorder, items, outcome)


def test_no_task_left_running() -> None:
    """when run_pipeline returns, every task it started has stopped"""
    recorder = _Recorder(delay=0.01)
    items = list(range(6))
    outcome = _run(recorder, items, 3)
    _judge_items(recorder, items, outcome)
    _judge_left(outcome)


def test_workers_at_a_time() -> None:
    """exactly `workers` items are handled at once (workers 3, 1 and 4)"""
    for workers, count in ((3, 12), (1, 4), (4, 9)):
        recorder = _Recorder(delay=0.02)
        items = list(range(count))
        outcome = _run(recorder, items, workers)
        _judge_items(recorder, items, outcome)
        _judge_peak(recorder, workers=workers, count=count)


def test_producer_waits_for_the_workers() -> None:
    """the producer reads only a few items ahead of the workers (a queue with `maxsize`)"""
    workers = 2
    recorder = _Recorder(delay=0.01)
    items = list(range(20))
    outcome = _run(recorder, items, workers)
    _judge_items(recorder, items, outcome)
    allowed = 3 * workers + 1
    if recorder.most_ahead > allowed:
        fail(
            _(
                "The producer read {count} items from `items` before the workers had started on "
                "them; with a bounded queue it stays within a few items. Create the queue with "
                "`asyncio.Queue(maxsize=workers)` and feed it with `await queue.put(item)`, which waits while "
                "the queue is full. Without a bound, a big or endless source fills memory faster than the "
                "workers can empty it.",
                count=recorder.most_ahead,
            )
        )


def test_no_items_and_more_workers_than_items() -> None:
    """copes with no items at all, and with more workers than items"""
    for items, workers in (([], 3), (["a", "b"], 5)):
        recorder = _Recorder(delay=0.01)
        outcome = _run(recorder, items, workers)
        _judge_items(recorder, items, outcome)
        _judge_left(outcome)


def test_ten_items_five_workers_take_two_rounds() -> None:
    """10 items of 0.1 s with 5 workers take about 0.2 s (one at a time would take 1 s)"""
    recorder = _Recorder(delay=0.1)
    items = list(range(10))
    outcome = _run(recorder, items, 5)
    _judge_items(recorder, items, outcome)
    _judge_peak(recorder, workers=5, count=10)
    if outcome.elapsed >= 0.5:
        fail(
            _(
                "Five workers were busy together, yet `run_pipeline` took {secs:.2f} s for two rounds "
                "of 0.1 s items (about 0.2 s). Is something else in `run_pipeline` waiting or blocking?",
                secs=outcome.elapsed,
            )
        )


def test_keeps_the_loop_free() -> None:
    """run_pipeline never blocks the event loop"""
    recorder = _Recorder(delay=0.05)
    outcome = _run(recorder, list(range(6)), 3)
    outcome.beat.assert_not_blocked(what="`run_pipeline`")
