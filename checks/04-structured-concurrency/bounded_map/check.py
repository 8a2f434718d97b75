"""Checks for lesson 4, exercise `bounded_map.py`: concurrency with an exact cap, results in order."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import Awaitable, Callable, Iterator
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

Fn = Callable[[Any], Awaitable[Any]]
BoundedMap = Callable[[Fn, list[Any], int], Awaitable[Any]]


def _semaphore() -> str:
    """The advice that ends every message about the cap."""
    return _(
        "Create one `asyncio.Semaphore(limit)` in `bounded_map`, before starting the calls, and wrap each "
        "call in `async with semaphore:`; every call must share that same semaphore."
    )


def _bounded_map() -> BoundedMap:
    return require_function(load_exercise(), "bounded_map", is_async=True)


def _counted(in_flight: InFlight, *, delay: float | Callable[[Any], float]) -> Fn:
    """An async fn that counts calls in flight, waits (without blocking) and returns item * 10."""

    async def fn(item: Any) -> Any:
        async with in_flight:
            await asyncio.sleep(delay(item) if callable(delay) else delay)
        return item * 10

    fn.__qualname__ = "fn"  # as the learner knows it, in "never awaited" messages
    return fn


def _call(bounded_map: BoundedMap, fn: Fn, items: list[Any], limit: int, *, within: float) -> list[Any]:
    """Run `bounded_map(fn, items, limit)` with a deadline; fail clearly on the usual wrong return values."""
    call = f"`await bounded_map(fn, items, limit={limit})`"
    with no_unawaited_coroutines(), _explain_loop_binding():
        result = run_async(bounded_map(fn, items, limit), within=within, what=call)
    return _plain_results(result, len(items), call)


@contextlib.contextmanager
def _explain_loop_binding() -> Iterator[None]:
    """Explain the RuntimeError of an asyncio primitive shared between two event loops."""
    try:
        yield
    except RuntimeError as exc:
        if "is bound to a different event loop" not in str(exc):
            raise
        fail(
            _(
                "Your code raised RuntimeError: {exc}. A semaphore created once, outside `bounded_map` (at "
                "module level), belongs to the first event loop that waits on it, and every `asyncio.run()` "
                "makes a new loop. It would also share its slots between separate calls and ignore `limit`. "
                "{advice}",
                exc=exc,
                advice=_semaphore(),
            )
        )


def _plain_results(result: Any, expected: int, call: str) -> list[Any]:
    reject_coroutine(result, call)
    if isinstance(result, asyncio.Future):
        if result.done() and not result.cancelled():
            result.exception()  # mark it retrieved, so asyncio does not log it from the garbage collector
        fail(
            _(
                "{call} gave back an asyncio Future (`{kind}`) instead of the list of results. "
                "Did you forget `await` before `asyncio.gather(...)`?",
                call=call,
                kind=type(result).__name__,
            )
        )
    if isinstance(result, tuple):
        result = list(result)
    if not isinstance(result, list):
        fail(
            _(
                "{call} gave back a {kind} ({result!r}); it should return a list of results.",
                call=call,
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
                "{call} returned {count} coroutine objects instead of results: `fn(item)` only "
                "creates a coroutine, which runs when it is awaited.",
                call=call,
                count=len(coroutines),
            )
        )
    if len(result) != expected:
        fail(
            _(
                "{call} was given {expected} items but returned {got} results: {result!r}.",
                call=call,
                expected=expected,
                got=len(result),
                result=result,
            )
        )
    return result


def _judge_peak(peak: int, *, limit: int, count: int) -> None:
    """Fail with a message for the learner unless exactly min(limit, count) calls ran at once."""
    wanted = min(limit, count)
    if peak == wanted:
        return
    where = _("With limit={limit} and {count} items", limit=limit, count=count)
    if peak == 1:
        fail(
            _(
                "{where}, the calls ran one at a time: `await fn(item)` in a loop waits for each call before "
                "starting the next. Start them together (`asyncio.gather`, a TaskGroup) and let a semaphore "
                "hold back all but `limit` of them. {advice}",
                where=where,
                advice=_semaphore(),
            )
        )
    if peak > limit:
        if peak == count:
            fail(
                _(
                    "{where}, all {count} calls ran at the same time: nothing held them back. A semaphore "
                    "limits only the calls that share it; a new `asyncio.Semaphore(limit)` created for each "
                    "call gives every call its own free slot and limits nothing. {advice}",
                    where=where,
                    count=count,
                    advice=_semaphore(),
                )
            )
        fail(
            _(
                "{where}, up to {peak} calls ran at the same time; never more than `limit` ({limit}) may run "
                "at once. Is the cap a fixed number instead of `limit`, or is the semaphore shared across "
                "calls to `bounded_map`? {advice}",
                where=where,
                peak=peak,
                limit=limit,
                advice=_semaphore(),
            )
        )
    fail(
        _(
            "{where}, at most {peak} calls ran at the same time, but {wanted} were allowed. Use every slot: the "
            "cap is exactly `limit` (`asyncio.Semaphore(limit)`, not `limit - 1`), and the next call should "
            "start as soon as one finishes.",
            where=where,
            peak=peak,
            wanted=wanted,
        )
    )


def test_bounded_map_is_a_coroutine_function() -> None:
    """bounded_map is a coroutine function (`async def`)"""
    _bounded_map()


def test_empty_list() -> None:
    """bounded_map(fn, [], 3) returns an empty list"""
    result = _call(_bounded_map(), _counted(InFlight(), delay=0.01), [], 3, within=2)
    assert result == [], _(
        "`await bounded_map(fn, [], limit=3)` gave {result!r}; with no items, return `[]`.", result=result
    )


def test_results_in_the_order_of_items() -> None:
    """the results come in the order of `items`, whatever order the calls finish in"""
    items = [3, 1, 2, 5, 4]
    delays = {3: 0.15, 1: 0.01, 2: 0.08, 5: 0.03, 4: 0.05}  # with limit 5 they finish 1, 5, 4, 2, 3
    result = _call(_bounded_map(), _counted(InFlight(), delay=delays.__getitem__), items, 5, within=3)
    expected = [item * 10 for item in items]
    if result == [item * 10 for item in sorted(items, key=delays.__getitem__)]:
        fail(
            _(
                "The results came back in the order the calls finished ({result!r}), not in the order of "
                "`items` ({expected!r}). `asyncio.as_completed` gives completion order; `asyncio.gather` keeps "
                "the order of its arguments.",
                result=result,
                expected=expected,
            )
        )
    assert result == expected, _(
        "`bounded_map(fn, {items!r}, limit=5)` returned {result!r}; expected {expected!r}, `fn(item)` for "
        "each item, in the order of `items`.",
        items=items,
        result=result,
        expected=expected,
    )


def test_exactly_limit_calls_at_once() -> None:
    """never more than `limit` calls at once, and no fewer while items remain (limits 3, 2, 1 and 10)"""
    bounded_map = _bounded_map()
    for limit, count in ((3, 10), (2, 7), (1, 3), (10, 4)):
        in_flight = InFlight()
        items = list(range(count))
        result = _call(bounded_map, _counted(in_flight, delay=0.02), items, limit, within=3)
        _judge_peak(in_flight.peak, limit=limit, count=count)
        assert result == [item * 10 for item in items], _(
            "`bounded_map(fn, {items!r}, limit={limit})` returned {result!r}; expected {expected!r}.",
            items=items,
            limit=limit,
            result=result,
            expected=[item * 10 for item in items],
        )


def test_a_slow_call_does_not_hold_up_the_others() -> None:
    """while one call is slow, the other slots keep working through the items"""
    bounded_map = _bounded_map()
    others = 7
    in_flight = InFlight()
    held_up: list[bool] = []

    async def scenario() -> Any:
        rest_done = asyncio.Event()
        finished = 0

        async def fn(item: int) -> int:
            nonlocal finished
            async with in_flight:
                if item == 0:
                    # The slow call ends only once every other item is done (or it gives up).
                    try:
                        async with asyncio.timeout(1.0):
                            await rest_done.wait()
                    except TimeoutError:
                        held_up.append(True)
                else:
                    await asyncio.sleep(0.01)
                    finished += 1
                    if finished == others:
                        rest_done.set()
            return item * 10

        fn.__qualname__ = "fn"
        return await bounded_map(fn, list(range(others + 1)), 2)

    call = "`await bounded_map(fn, items, limit=2)`"
    with no_unawaited_coroutines(), _explain_loop_binding():
        result = run_async(scenario, within=4, what=call)
    _plain_results(result, others + 1, call)
    if held_up:
        if in_flight.peak == 1:
            _judge_peak(1, limit=2, count=others + 1)
        fail(
            _(
                "The first call was slow, and the other items waited for it although a slot was free: with "
                "limit=2, one slot should have worked through all 7 quick items while the slow call ran. "
                "Processing in batches (gather `limit` items, then the next `limit`) leaves slots idle until the "
                "slowest call of each batch finishes. Keep `limit` calls going at all times: share one "
                "`asyncio.Semaphore(limit)` around each call, or run `limit` workers that take the next item "
                "when they are free."
            )
        )


def test_ten_calls_limit_five_take_two_rounds() -> None:
    """10 calls of 0.1 s with limit 5 take about 0.2 s (one at a time would take 1 s)"""
    in_flight = InFlight()
    items = list(range(10))
    with Stopwatch() as watch:
        result = _call(_bounded_map(), _counted(in_flight, delay=0.1), items, 5, within=4)
    _judge_peak(in_flight.peak, limit=5, count=10)
    if watch.elapsed >= 0.5:
        fail(
            _(
                "Five calls ran at a time, yet `bounded_map` took {secs:.2f} s for two rounds of 0.1 s "
                "calls (about 0.2 s). Is something else in `bounded_map` waiting or blocking?",
                secs=watch.elapsed,
            )
        )
    if watch.elapsed < 0.18:
        fail(
            _(
                "`bounded_map` returned after {secs:.2f} s, but 10 calls of 0.1 s, five at a time, "
                "need at least two rounds (0.2 s). Wait for every call before returning.",
                secs=watch.elapsed,
            )
        )
    assert result == [item * 10 for item in items], _("`bounded_map` returned {result!r}.", result=result)


def test_keeps_the_loop_free() -> None:
    """bounded_map never blocks the event loop"""
    bounded_map = _bounded_map()
    in_flight = InFlight()

    async def watched() -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            result = await bounded_map(_counted(in_flight, delay=0.05), list(range(6)), 3)
        return result, beat

    call = "`await bounded_map(fn, items, limit=3)`"
    with no_unawaited_coroutines(), _explain_loop_binding():
        result, beat = run_async(watched, within=4, what=call)
    beat.assert_not_blocked(what="`bounded_map`")
    _plain_results(result, 6, call)
