"""Checks for lesson 3, exercise `background_task.py`: start work with `create_task`, collect it, keep references."""

from __future__ import annotations

import asyncio
import gc
import inspect
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tutor.checkkit import (
    CheckFailure,
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

T = TypeVar("T")
Job = Callable[[], Awaitable[Any]]

# How long a fake job waits for its partner to start before deciding the two are not running together.
PARTNER_WAIT = 0.5
CALL = "`await with_prefetch(fetch, work)`"


def _with_prefetch() -> Callable[[Job, Job], Awaitable[Any]]:
    return require_function(load_exercise(), "with_prefetch", is_async=True)


def _spawn() -> Callable[[Job], Any]:
    return require_function(load_exercise(), "spawn", is_async=False)


def _background_tasks() -> Any:
    """The learner's `background_tasks`, emptied so each check starts from a clean slate."""
    tasks = getattr(load_exercise(), "background_tasks", None)
    if not all(hasattr(tasks, name) for name in ("__len__", "__iter__", "clear")):
        fail(
            _(
                "Your file has no `background_tasks` set any more. Keep the line "
                "`background_tasks: set[asyncio.Task[Any]] = set()` from the exercise file: `spawn` keeps its "
                "tasks in it."
            )
        )
    tasks.clear()
    return tasks


def _named(name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Give a fake job a plain name, so messages about it read `work(...)`, not the check's own path."""

    def rename(func: Callable[..., T]) -> Callable[..., T]:
        func.__name__ = func.__qualname__ = name
        return func

    return rename


def _mark_retrieved(future: asyncio.Future[Any]) -> None:
    """Read a finished future's exception, so asyncio does not log "exception was never retrieved" later."""
    if future.done() and not future.cancelled():
        future.exception()


async def _wait_until(event: asyncio.Event, deadline: float) -> bool:
    """True if `event` is set before the loop time `deadline`."""
    try:
        async with asyncio.timeout_at(deadline):
            await event.wait()
    except TimeoutError:
        return False
    return True


def _run(main: Callable[[], Awaitable[T]], *, within: float, what: str = CALL) -> T:
    """Run a scenario around the learner's code; a dropped coroutine or an early `task.result()` fails clearly."""
    with no_unawaited_coroutines():
        try:
            return run_async(main, within=within, what=what)
        except asyncio.InvalidStateError as exc:
            fail(
                _(
                    "Your code read a task's result before the task had finished (asyncio raised "
                    "InvalidStateError: {exc}). `task.result()` does not wait: it only works on a finished task. "
                    "`await task` is what waits for the fetch to finish and gives you its result.",
                    exc=exc,
                )
            )


def _run_spawn(main: Callable[[], Awaitable[None]]) -> None:
    """Run a scenario around `spawn`; a coroutine it dropped gets advice for plain (`def`) code."""
    try:
        _run(main, within=4, what="`spawn(job)`")
    except CheckFailure as failure:
        if "never awaited" not in str(failure):
            raise
        fail(
            _(
                "`spawn` called `job()` but nothing ever ran the coroutine it made (Python warns: \"coroutine 'job' "
                'was never awaited"). `spawn` is plain `def` code, so it cannot `await`; hand the coroutine to the '
                "event loop instead: `task = asyncio.create_task(job())`."
            )
        )


def _pair(result: Any) -> tuple[Any, Any]:
    """The two results, failing clearly on a coroutine, a Task or anything that is not a pair."""
    reject_coroutine(result, CALL)
    if isinstance(result, asyncio.Future):
        _mark_retrieved(result)
        fail(
            _(
                "{call} gave back a {kind} instead of the pair of results. Return "
                "`(work result, fetch result)`, and `await` the task to get the fetch's result.",
                call=CALL,
                kind=type(result).__name__,
            )
        )
    if not isinstance(result, tuple | list) or len(result) != 2:
        fail(
            _(
                "`with_prefetch` returned {result!r}; it should return a pair: `(work result, fetch result)`.",
                result=result,
            )
        )
    worked, fetched = result
    for name, item in (("work", worked), ("fetch", fetched)):
        if inspect.iscoroutine(item):
            item.close()  # closed on purpose, so Python does not also warn about it
            fail(
                _(
                    "The {name} part of your result is a coroutine object, not a result: calling `{name}()` only "
                    "creates a coroutine. Did you forget `await`?",
                    name=name,
                )
            )
        if isinstance(item, asyncio.Future):
            _mark_retrieved(item)
            fail(
                _(
                    "The {name} part of your result is the {kind} itself, not its result. A task is "
                    "a Future: `await task` waits until it is done and gives you what its coroutine returned. "
                    "Did you forget `await task`?",
                    name=name,
                    kind=type(item).__name__,
                )
            )
    return worked, fetched


@dataclass
class _Calls:
    fetch: int = 0
    work: int = 0


def _check_calls(calls: _Calls) -> None:
    if calls.fetch == 0:
        fail(_("`with_prefetch` never called `fetch()`. Start it in the background: `asyncio.create_task(fetch())`."))
    if calls.fetch > 1:
        fail(
            ngettext(
                "`with_prefetch` called `fetch()` {n} time; it should run once. Once you have created "
                "`task = asyncio.create_task(fetch())`, take the fetch's result from that task with `await task` "
                "instead of calling `fetch()` again: a task runs its coroutine once.",
                "`with_prefetch` called `fetch()` {n} times; it should run once. Once you have created "
                "`task = asyncio.create_task(fetch())`, take the fetch's result from that task with `await task` "
                "instead of calling `fetch()` again: a task runs its coroutine once.",
                calls.fetch,
            )
        )
    if calls.work != 1:
        fail(
            ngettext(
                "`with_prefetch` called `work()` {n} time; call it exactly once, with `await work()`.",
                "`with_prefetch` called `work()` {n} times; call it exactly once, with `await work()`.",
                calls.work,
            )
        )


def test_with_prefetch_is_a_coroutine_function() -> None:
    """with_prefetch is a coroutine function (`async def`)"""
    _with_prefetch()


def test_returns_both_results() -> None:
    """with_prefetch returns (work result, fetch result), running each job once"""
    with_prefetch = _with_prefetch()
    calls = _Calls()

    @_named("fetch")
    async def fetch() -> str:
        calls.fetch += 1
        await asyncio.sleep(0.06)  # finishes after `work`, so the task must really be awaited
        return "fetched"

    @_named("work")
    async def work() -> str:
        calls.work += 1
        await asyncio.sleep(0.02)
        return "worked"

    result = _run(lambda: with_prefetch(fetch, work), within=2)
    worked, fetched = _pair(result)
    _check_calls(calls)
    if (worked, fetched) == ("fetched", "worked"):
        fail(
            _(
                "`with_prefetch` returned ('fetched', 'worked'): the two results are swapped. Return the work's "
                "result first: `return worked, fetched`."
            )
        )
    assert (worked, fetched) == ("worked", "fetched"), _(
        "`with_prefetch` returned {result!r}; expected ('worked', 'fetched'): what `work()` returned, then what "
        "`fetch()` returned.",
        result=result,
    )


@dataclass
class _Overlap:
    fetch_gave_up: bool = False
    work_gave_up: bool = False


def test_fetch_runs_while_work_runs() -> None:
    """with_prefetch starts the fetch before it waits for the work"""
    with_prefetch = _with_prefetch()
    state = _Overlap()

    async def scenario() -> Any:
        # Each fake job waits until the other one has started. If they overlap, both go on at
        # once; if one runs to its end before the other starts, it waits in vain until the
        # (shared) deadline. No clock decides the verdict: only who had started.
        fetch_started, work_started = asyncio.Event(), asyncio.Event()
        deadline = asyncio.get_running_loop().time() + PARTNER_WAIT

        @_named("fetch")
        async def fetch() -> str:
            fetch_started.set()
            state.fetch_gave_up = not await _wait_until(work_started, deadline)
            await asyncio.sleep(0.05)  # the fetch ends after the work
            return "fetched"

        @_named("work")
        async def work() -> str:
            work_started.set()
            state.work_gave_up = not await _wait_until(fetch_started, deadline)
            return "worked"

        return await with_prefetch(fetch, work)

    result = _run(scenario, within=3)
    _pair(result)
    if state.work_gave_up:
        fail(
            _(
                "`fetch()` had not started while `work()` ran, so nothing ran in the background. Create the task "
                "first, `task = asyncio.create_task(fetch())`, then `await work()`: the task starts as soon as "
                "`work()` waits for something, and runs while the work goes on."
            )
        )
    if state.fetch_gave_up:
        fail(
            _(
                "`work()` never started while `fetch()` was running: your code waited for the fetch to finish "
                "(with `await fetch()`, or an `await task` right after creating it) before starting the work. "
                "Start the fetch with `task = asyncio.create_task(fetch())`, then `await work()`, and only then "
                "`await task`."
            )
        )


def test_fetch_errors_reach_the_caller() -> None:
    """an exception raised by fetch comes out of with_prefetch"""
    with_prefetch = _with_prefetch()
    error = LookupError("the fetch failed")

    @_named("fetch")
    async def fetch() -> str:
        await asyncio.sleep(0.02)
        raise error

    @_named("work")
    async def work() -> str:
        await asyncio.sleep(0.01)
        return "worked"

    try:
        result = _run(lambda: with_prefetch(fetch, work), within=2)
    except LookupError as exc:
        if exc is error:
            return
        raise
    except BaseExceptionGroup as group:  # a TaskGroup wraps the error: fine too (see lesson 4)
        if group.subgroup(lambda exc: exc is error) is not None:
            return
        raise
    _pair(result)
    fail(
        _(
            "`fetch()` raised LookupError('the fetch failed'), but `with_prefetch` returned {result!r}. A task "
            "keeps its coroutine's exception and raises it again where you `await task`: let it reach the caller "
            "instead of catching it.",
            result=result,
        )
    )


def test_does_not_block_the_loop() -> None:
    """with_prefetch keeps the event loop free while the jobs wait"""
    with_prefetch = _with_prefetch()

    async def watched() -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            result = await with_prefetch(_sleeper("fetch", 0.1), _sleeper("work", 0.05))
        return result, beat

    result, beat = _run(watched, within=3)
    _pair(result)
    beat.assert_not_blocked(what="`with_prefetch`")


def _sleeper(name: str, delay: float) -> Job:
    @_named("job")
    async def job() -> str:
        await asyncio.sleep(delay)
        return name

    job.__name__ = job.__qualname__ = name
    return job


def test_spawn_is_a_plain_function() -> None:
    """spawn is a plain function (`def`): it starts a task and returns at once"""
    _spawn()


@dataclass
class _Tracking:
    started: bool = False
    finished: bool = False
    held_while_running: list[asyncio.Task[Any]] = field(default_factory=list)
    left_after: int = 0


def test_spawn_runs_the_job_in_the_background() -> None:
    """spawn starts the job, and keeps its task in background_tasks until it is done"""
    spawn = _spawn()
    tasks = _background_tasks()
    state = _Tracking()

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        started, release, finished = asyncio.Event(), asyncio.Event(), asyncio.Event()

        @_named("job")
        async def job() -> str:
            started.set()
            await release.wait()
            finished.set()
            return "job result"

        reject_coroutine(spawn(job), "`spawn(job)`")
        state.started = await _wait_until(started, loop.time() + 0.5)
        if not state.started:
            return
        state.held_while_running = [task for task in tasks if isinstance(task, asyncio.Task)]
        release.set()
        state.finished = await _wait_until(finished, loop.time() + 1)
        for task in state.held_while_running:
            await asyncio.wait([task], timeout=1)
        await asyncio.sleep(0)  # a turn of the loop, for the tasks' done callbacks
        state.left_after = len(tasks)

    _run_spawn(scenario)
    if not state.started:
        fail(
            _(
                "The job never started. `spawn` must hand the coroutine to the event loop: "
                "`task = asyncio.create_task(job())`. Calling `job()` alone only creates a coroutine, and nobody "
                "awaits it."
            )
        )
    if not state.held_while_running:
        fail(
            _(
                "While the job was running, `background_tasks` held no task. The event loop keeps only weak "
                "references to tasks, so a task that nothing else refers to can be garbage-collected before it "
                "finishes. Keep it: `background_tasks.add(task)`."
            )
        )
    if state.left_after:
        fail(
            _(
                "`background_tasks` still held {count} task(s) after the job had finished, so it would "
                "grow with every call. Take each task out once it is done: "
                "`task.add_done_callback(background_tasks.discard)`.",
                count=state.left_after,
            )
        )


@dataclass
class _Survival:
    started: bool = False
    collected: bool = False
    finished: bool = False
    loop_reports: list[str] = field(default_factory=list)


def test_spawned_task_survives_garbage_collection() -> None:
    """a spawned task keeps running when the garbage collector runs"""
    spawn = _spawn()
    _background_tasks()
    state = _Survival()

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _loop, context: state.loop_reports.append(str(context.get("message"))))
        started, finished = asyncio.Event(), asyncio.Event()
        replies: list[weakref.ref[asyncio.Future[str]]] = []

        @_named("job")
        async def job() -> None:
            # Waits for a reply that only this job refers to (the check keeps a weak reference):
            # while it waits, the job's task is alive only if someone keeps a reference to it.
            reply: asyncio.Future[str] = loop.create_future()
            replies.append(weakref.ref(reply))
            started.set()
            await reply
            finished.set()

        reject_coroutine(spawn(job), "`spawn(job)`")  # the returned task is dropped, as fire-and-forget code does
        state.started = await _wait_until(started, loop.time() + 0.5)
        if not state.started:
            return
        gc.collect()  # what Python's garbage collector may do at any moment
        reply = replies[0]()
        if reply is None:
            state.collected = True
            return
        reply.set_result("reply")
        del reply
        state.finished = await _wait_until(finished, loop.time() + 1)

    _run_spawn(scenario)
    if not state.started:
        fail(_("The spawned job never started: `spawn` must start it with `asyncio.create_task(job())`."))
    if state.collected:
        destroyed = _(' (asyncio reported: "Task was destroyed but it is pending!")') if state.loop_reports else ""
        fail(
            _(
                "Your spawned task was garbage-collected while it was still waiting{destroyed}, so the job never "
                "finished. The event loop keeps only weak references to tasks: keep a strong one in "
                "`background_tasks` until the task is done.",
                destroyed=destroyed,
            )
        )
    if not state.finished:
        fail(_("The spawned job did not finish within 1 s after its reply arrived. Does `spawn` start `job()` once?"))
