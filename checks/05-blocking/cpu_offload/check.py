"""Checks for lesson 5, exercise `cpu_offload.py`: CPU-bound work in a process pool, the loop kept free."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import Executor, Future, InvalidStateError, ProcessPoolExecutor, ThreadPoolExecutor
from types import ModuleType
from typing import Any

import pytest

from tutor.checkkit import (
    LoopHeartbeat,
    _,
    fail,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
)

# Known answers, so the check never needs the learner's count_primes to be right.
PRIMES_BELOW = {10: 4, 100: 25, 1000: 168, 150_000: 13848}
HEAVY = 150_000  # about 0.2 s of pure Python on a fast core
HEAVY_SECONDS = 0.3  # what the check's stand-in takes for a HEAVY count (see LocalCalls)
FIX = "`await asyncio.gather(*(loop.run_in_executor(pool, count_primes, limit) for limit in limits))`"


def _gil() -> str:
    return _(
        "Threads do not help with pure-Python number crunching: the GIL lets only one thread run Python "
        "code at a time, so the counts take turns instead of running in parallel, and the event loop's "
        "own thread has to queue for the GIL behind them."
    )


class LocalCalls:
    """Stands in for `count_primes`: records every call made in this process, and on which thread.

    Pickle sends a function to a worker process by name, so workers run their own copy of
    `count_primes` and never reach this record: any call recorded here ran in the check's process.
    The `HEAVY` count sleeps instead of computing, so the timed check takes as long on a busy machine
    as on an idle one (workers forked from the check, on Linux, inherit this stand-in too).
    """

    def __init__(self, original: Callable[[int], int], module_name: str) -> None:
        self.pid = os.getpid()
        self.loop_thread = threading.get_ident()  # checks run the event loop in this thread
        self.threads: list[int] = []

        def count_primes(limit: int) -> int:
            if os.getpid() == self.pid:
                self.threads.append(threading.get_ident())
            if limit == HEAVY:
                time.sleep(HEAVY_SECONDS)  # as long as a real count on any machine, without using the CPU
                return PRIMES_BELOW[HEAVY]
            return original(limit)

        # Named like the learner's function, so pickle still sends it to a pool by name.
        count_primes.__module__ = module_name
        count_primes.__qualname__ = "count_primes"
        self.function = count_primes

    def judge(self) -> None:
        """Fail if count_primes ran in this process, saying whether on the loop's thread or another."""
        if self.loop_thread in self.threads:
            fail(
                _(
                    "`count_primes` ran on the event loop's own thread: while it counted, no other "
                    "coroutine could run. Send each call to the process pool and await the result: {fix}.",
                    fix=FIX,
                )
            )
        if self.threads:
            fail(
                _(
                    "`count_primes` ran in a thread of this process (`asyncio.to_thread`, "
                    "`run_in_executor(None, ...)` or a `ThreadPoolExecutor`), not in the pool's worker "
                    "processes. {gil} Each process has its own interpreter and GIL: {fix}.",
                    gil=_gil(),
                    fix=FIX,
                )
            )


class _WatchedFuture(Future[Any]):
    """A pool Future that notices a blocking `.result()` call made on the event loop's thread."""

    def __init__(self, pool: WatchedPool) -> None:
        super().__init__()
        self._pool = pool

    def result(self, timeout: float | None = None) -> Any:
        if not self.done() and threading.get_ident() == self._pool.loop_thread:
            self._pool.waited_on_loop = True
        return super().result(timeout)


class WatchedPool(Executor):
    """The process pool handed to `count_all`: counts jobs submitted and in flight, and blocking waits."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self._pool = pool
        self.loop_thread = threading.get_ident()
        self._lock = threading.Lock()
        self.submitted = 0
        self.current = 0
        self.peak = 0
        self.waited_on_loop = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        outer = _WatchedFuture(self)
        try:
            # A pickling failure inside the pool can leave CPython's pool unable to shut down (seen
            # on 3.11), so refuse what cannot be sent here, with the same error the pool would give.
            pickle.dumps((fn, args, kwargs))
        except Exception as error:
            outer.set_exception(error)
            return outer
        inner = self._pool.submit(fn, *args, **kwargs)
        with self._lock:
            self.submitted += 1
            self.current += 1
            self.peak = max(self.peak, self.current)

        def copy_state(done: Future[Any]) -> None:
            with self._lock:
                self.current -= 1
            with contextlib.suppress(InvalidStateError):  # `outer` was cancelled meanwhile
                if done.cancelled():
                    outer.cancel()
                elif done.exception() is not None:
                    outer.set_exception(done.exception())
                else:
                    outer.set_result(done.result())

        inner.add_done_callback(copy_state)
        outer.add_done_callback(lambda future: inner.cancel() if future.cancelled() else None)
        return outer

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


@contextlib.contextmanager
def _pool() -> Iterator[WatchedPool]:
    """A 2-worker process pool, started before the learner's code runs and always shut down."""
    pool = ProcessPoolExecutor(max_workers=2)
    try:
        pool.submit(int).result(timeout=10)  # start the workers now, while this process has one thread
        yield WatchedPool(pool)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _module(monkeypatch: pytest.MonkeyPatch) -> tuple[ModuleType, LocalCalls]:
    module = load_exercise()
    original = getattr(module, "count_primes", None)
    if not callable(original):
        fail(_("Your file has no `count_primes` function any more. Keep it as it was given."))
    calls = LocalCalls(original, module.__name__)
    monkeypatch.setattr(module, "count_primes", calls.function)
    return module, calls


def _count_all(monkeypatch: pytest.MonkeyPatch) -> tuple[Callable[..., Awaitable[Any]], LocalCalls]:
    module, calls = _module(monkeypatch)
    return require_function(module, "count_all", is_async=True), calls


def _counts(value: Any, limits: list[int], what: str) -> list[Any]:
    reject_coroutine(value, what)
    if not isinstance(value, list | tuple):
        fail(
            _(
                "{what} gave back a {kind} ({value!r}); it should return a list of counts.",
                what=what,
                kind=type(value).__name__,
                value=value,
            )
        )
    items = list(value)
    for item in items:
        if inspect.iscoroutine(item):
            item.close()
        if inspect.iscoroutine(item) or isinstance(item, asyncio.Future):
            fail(
                _(
                    "`count_all` returned a list of {kind} objects instead of counts: "
                    "`loop.run_in_executor(...)` gives a Future to await. Await them all together: {fix}.",
                    kind=type(item).__name__,
                    fix=FIX,
                )
            )
    expected = [PRIMES_BELOW[limit] for limit in limits]
    if items != expected and sorted(items) == sorted(expected):
        fail(
            _(
                "{what} gave {items!r}: the counts are right but in the order the jobs finished. Return "
                "them in the order of `limits`, {expected!r}: `asyncio.gather` keeps the order of its arguments.",
                what=what,
                items=items,
                expected=expected,
            )
        )
    assert items == expected, _(
        "{what} gave {items!r}; the primes below {limits} number {expected!r}.",
        what=what,
        items=items,
        limits=limits,
        expected=expected,
    )
    return items


def _run(main: Callable[[], Awaitable[Any]], *, what: str, within: float) -> Any:
    with no_unawaited_coroutines():
        try:
            return run_async(main, within=within, what=what)
        except Exception as error:
            _explain_pickling(error)
            raise


def _explain_pickling(error: Exception) -> None:
    if "pickle" in str(error).lower():
        fail(
            _(
                "The pool could not send your function to a worker process ({kind}: {error}). "
                "Everything sent to a process pool is pickled, and a function is pickled by name: lambdas and "
                "nested functions have none. Send the top-level function and its argument separately: "
                "`loop.run_in_executor(pool, count_primes, limit)`.",
                kind=type(error).__name__,
                error=error,
            )
        )


def test_count_all_is_a_coroutine_function(monkeypatch: pytest.MonkeyPatch) -> None:
    """count_all is a coroutine function (`async def`)"""
    _count_all(monkeypatch)


def test_count_all_returns_the_counts_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """count_all returns one count per limit, in the order of `limits`"""
    count_all, _calls = _count_all(monkeypatch)
    limits = [10, 1000, 100]  # the middle one finishes last
    what = f"`await count_all(pool, {limits})`"
    with _pool() as pool:
        value = _run(lambda: count_all(pool, limits), what=what, within=5)
    _counts(value, limits, what)


def test_count_all_uses_the_process_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """count_all runs count_primes in the pool's worker processes, not in this process"""
    count_all, calls = _count_all(monkeypatch)
    limits = [1000, 100]
    what = f"`await count_all(pool, {limits})`"
    with _pool() as pool:
        value = _run(lambda: count_all(pool, limits), what=what, within=5)
    calls.judge()
    if pool.submitted == 0:
        fail(
            _(
                "`count_all` never used the pool it was given. Creating a process pool costs a new process "
                "per worker, so a program makes one at start-up and hands it around, as `run` does here. "
                "Send the work to the pool you receive: {fix}.",
                fix=FIX,
            )
        )
    _counts(value, limits, what)


def test_count_all_keeps_the_loop_free_and_runs_in_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """count_all sends both jobs at once and keeps the event loop free while they count"""
    count_all, calls = _count_all(monkeypatch)
    limits = [HEAVY, HEAVY]
    what = f"`await count_all(pool, {limits})`"

    async def watched(pool: WatchedPool) -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            value = await count_all(pool, limits)
        return value, beat

    with _pool() as pool:
        value, beat = _run(lambda: watched(pool), what=what, within=8)
    calls.judge()
    if pool.waited_on_loop:
        fail(
            _(
                "`count_all` waited for the pool's results on the event loop's thread: `future.result()` and "
                "`pool.map(...)` block until the work is done, so the loop stood still although the counting "
                "ran in other processes. Let the loop await instead: `loop.run_in_executor(pool, ...)` (or "
                "`asyncio.wrap_future(pool.submit(...))`) gives an awaitable. {fix}.",
                fix=FIX,
            )
        )
    if pool.peak < len(limits):
        fail(
            ngettext(
                "The {n} count ran one after another in the pool (at most {peak} at a time), "
                "so its second worker sat idle. Send every job before you wait for any: {fix}.",
                "The {n} counts ran one after another in the pool (at most {peak} at a time), "
                "so its second worker sat idle. Send every job before you wait for any: {fix}.",
                len(limits),
                peak=pool.peak,
                fix=FIX,
            )
        )
    _counts(value, limits, what)
    beat.assert_not_blocked(what=_("`count_all` (waiting for the pool)"))


def test_run_owns_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """run creates a process pool, runs count_all with it, and shuts the pool down"""
    module, calls = _module(monkeypatch)
    run = require_function(module, "run", is_async=False)
    original = require_function(module, "count_all", is_async=True)
    pools: list[Any] = []

    async def spy_count_all(pool: Any, limits: list[int]) -> Any:
        pools.append(pool)
        if isinstance(pool, ProcessPoolExecutor):
            pool = WatchedPool(pool)  # the same work, with unpicklable jobs refused before they reach the pool
        return await original(pool, limits)

    monkeypatch.setattr(module, "count_all", spy_count_all)
    before = set(multiprocessing.active_children())
    limits = [100, 10]
    with no_unawaited_coroutines():
        try:
            value = run(limits)
        except Exception as error:
            _explain_pickling(error)
            raise
    if inspect.iscoroutine(value):
        value.close()
        fail(
            _(
                "`run(...)` returned a coroutine object: `count_all(pool, limits)` only creates it. Plain code "
                "runs it on an event loop: `return asyncio.run(count_all(pool, limits))`."
            )
        )
    if not pools:
        fail(_("`run` never called `count_all`. Let it do the work: `asyncio.run(count_all(pool, limits))`."))
    pool = pools[0]
    if isinstance(pool, ThreadPoolExecutor):
        fail(
            _(
                "`run` gave `count_all` a `ThreadPoolExecutor`. {gil} Create a `ProcessPoolExecutor(max_workers=2)`.",
                gil=_gil(),
            )
        )
    if not isinstance(pool, ProcessPoolExecutor):
        fail(
            _(
                "`run` gave `count_all` a {kind}; create a `ProcessPoolExecutor(max_workers=2)`.",
                kind=type(pool).__name__,
            )
        )
    calls.judge()
    _counts(value, limits, "`run([100, 10])`")
    left = [child for child in multiprocessing.active_children() if child not in before]
    if left:
        pool.shutdown(wait=True, cancel_futures=True)
        fail(
            ngettext(
                "`run` returned, but its pool's {n} worker process(es) were still running: the pool "
                "was never shut down. Create it in a `with` block, `with ProcessPoolExecutor(max_workers=2) as "
                "pool:`, which shuts it down (and waits for the workers) when the block ends.",
                "`run` returned, but its pool's {n} worker process(es) were still running: the pool "
                "was never shut down. Create it in a `with` block, `with ProcessPoolExecutor(max_workers=2) as "
                "pool:`, which shuts it down (and waits for the workers) when the block ends.",
                len(left),
            )
        )
