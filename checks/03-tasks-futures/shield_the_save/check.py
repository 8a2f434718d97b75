"""Checks for lesson 3, exercise `shield_the_save.py`: a save that survives its caller's cancellation."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

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

SaveProfile = Callable[[Callable[[dict[str, Any]], Awaitable[Any]], dict[str, Any]], Awaitable[Any]]

# After `task.cancel()`, a caller that lets the cancellation through ends within a loop turn or two.
STOP_WITHIN = 0.4
CALL = "`await save_profile(save, profile)`"


def _save_profile() -> SaveProfile:
    return require_function(load_exercise(), "save_profile", is_async=True)


def _pending_saves() -> Any:
    """The learner's `pending_saves`, emptied so each check starts from a clean slate."""
    saves = getattr(load_exercise(), "pending_saves", None)
    if not all(hasattr(saves, name) for name in ("__len__", "__iter__", "clear")):
        fail(
            _(
                "Your file has no `pending_saves` set any more. Keep the line "
                "`pending_saves: set[asyncio.Task[Any]] = set()` from the exercise file: `save_profile` keeps the "
                "tasks of running saves in it."
            )
        )
    saves.clear()
    return saves


class Store:
    """A fake database: `save` waits until the check lets it finish (a gate, or a reply only it refers to)."""

    def __init__(self, *, weakly_held_reply: bool = False) -> None:
        self.weakly_held_reply = weakly_held_reply
        self.calls: list[dict[str, Any]] = []
        self.started = asyncio.Event()
        self.gate = asyncio.Event()
        self.saved = asyncio.Event()
        self.replies: list[weakref.ref[asyncio.Future[None]]] = []
        self.cancelled = False

    async def save(self, profile: dict[str, Any]) -> str:
        self.calls.append(profile)
        self.started.set()
        try:
            if self.weakly_held_reply:
                # Only this coroutine refers to the reply (the check keeps a weak reference): while it
                # waits, the save's task stays alive only if someone keeps a reference to it.
                reply: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                self.replies.append(weakref.ref(reply))
                await reply
            else:
                await self.gate.wait()
        except asyncio.CancelledError:
            self.cancelled = True
            raise
        self.saved.set()
        return "row 42"


async def _wait(event: asyncio.Event, within: float) -> bool:
    try:
        async with asyncio.timeout(within):
            await event.wait()
    except TimeoutError:
        return False
    return True


def _run(main: Callable[[], Awaitable[Any]], *, within: float = 4) -> Any:
    with no_unawaited_coroutines():
        return run_async(main, within=within, what=CALL)


def _plain(result: Any) -> Any:
    reject_coroutine(result, CALL)
    if isinstance(result, asyncio.Future):
        if result.done() and not result.cancelled():
            result.exception()  # mark it retrieved, so asyncio does not log it later
        fail(
            _(
                '{call} gave back a {kind} instead of "saved". Did you forget `await` before `asyncio.shield(...)`?',
                call=CALL,
                kind=type(result).__name__,
            )
        )
    return result


def _check_started(store: Store) -> None:
    if not store.calls:
        fail(
            _(
                "`save_profile` never called `save(profile)`. Start it as a task: "
                "`task = asyncio.create_task(save(profile))`."
            )
        )
    if len(store.calls) > 1:
        fail(
            ngettext(
                "`save_profile` called `save` {n} time; it should save once.",
                "`save_profile` called `save` {n} times; it should save once.",
                len(store.calls),
            )
        )


def test_save_profile_is_a_coroutine_function() -> None:
    """save_profile is a coroutine function (`async def`)"""
    _save_profile()


@dataclass
class _Finish:
    result: Any = None
    saved_when_returned: bool = False


def test_saves_then_returns() -> None:
    """save_profile waits for the save, then returns "saved\""""
    save_profile = _save_profile()
    _pending_saves()
    profile = {"name": "Ada"}
    store = Store()
    state = _Finish()

    async def scenario() -> None:
        asyncio.get_running_loop().call_later(0.05, store.gate.set)  # the save takes 50 ms
        state.result = await save_profile(store.save, profile)
        state.saved_when_returned = store.saved.is_set()

    _run(scenario)
    _check_started(store)
    if store.calls[0] is not profile:
        fail(
            _(
                "`save_profile` called `save` with {profile!r}; pass it the profile it was given.",
                profile=store.calls[0],
            )
        )
    result = _plain(state.result)
    if not state.saved_when_returned:
        fail(
            _(
                "`save_profile` returned {result!r} before the save had finished. Wait for it: "
                '`await asyncio.shield(task)`, then `return "saved"`.',
                result=result,
            )
        )
    assert result == "saved", _(
        '{call} returned {result!r}; expected "saved" once the save is done.', call=CALL, result=result
    )


@dataclass
class _Caller:
    """How the caller of `save_profile` ended when the check made it give up halfway through the save."""

    finished_early: bool = False  # it ended before the check cancelled it
    stopped: bool = False
    cancelled: bool = False
    result: Any = None
    error: BaseException | None = None
    held_while_saving: int = 0

    def ended(self) -> str:
        if self.error is not None:
            return _("raised {error!r}", error=self.error)
        return _("returned {value!r}", value=self.result)


async def _start_then_give_up(save_profile: SaveProfile, store: Store, saves: Any) -> _Caller:
    """Call `save_profile`, wait until the save has started, then cancel the caller (as a timeout would)."""
    state = _Caller()
    caller = asyncio.ensure_future(save_profile(store.save, {"name": "Grace"}))
    started = asyncio.ensure_future(store.started.wait())
    await asyncio.wait({caller, started}, timeout=1, return_when=asyncio.FIRST_COMPLETED)
    started.cancel()
    if not caller.done():
        state.held_while_saving = sum(isinstance(task, asyncio.Task) for task in saves)
        caller.cancel()  # the caller gives up, as a timeout or a client disconnect makes it do
        await asyncio.wait({caller}, timeout=STOP_WITHIN)
        state.stopped = caller.done()
    else:
        state.finished_early = True
    if caller.done():
        if caller.cancelled():
            state.cancelled = True
        elif caller.exception() is not None:
            state.error = caller.exception()
        else:
            state.result = caller.result()
    return state  # the caller task (and its exception's traceback) is dropped here


def _check_gave_up(state: _Caller, store: Store) -> None:
    """The learner's own errors first, then a `save_profile` that did not wait, then a save never started."""
    if state.error is not None:
        raise state.error
    if state.finished_early:
        result = _plain(state.result)
        fail(
            _(
                "`save_profile` returned {result!r} while the save was still running. Wait for the save: "
                '`await asyncio.shield(task)`, then `return "saved"`.',
                result=result,
            )
        )
    _check_started(store)
    if store.cancelled:
        fail(
            _(
                "When the caller was cancelled, your `save_profile` passed the cancellation on to the save, which "
                "stopped halfway. Wait for the save's task through a shield, `await asyncio.shield(task)`: the "
                "caller's await is still cancelled, but the task inside is not."
            )
        )


def test_a_caller_that_gives_up_does_not_stop_the_save() -> None:
    """when the caller is cancelled mid-save, the caller stops at once and the save still finishes"""
    save_profile = _save_profile()
    saves = _pending_saves()
    store = Store()
    finished: list[bool] = []

    async def scenario() -> _Caller:
        state = await _start_then_give_up(save_profile, store, saves)
        store.gate.set()  # now the database answers
        finished.append(bool(store.calls) and not store.cancelled and await _wait(store.saved, 1))
        for _turn in range(3):  # a caller that kept waiting can end now
            await asyncio.sleep(0)
        return state

    state = _run(scenario)
    _check_gave_up(state, store)
    if not state.stopped:
        fail(
            _(
                "When the caller was cancelled, `save_profile` kept waiting for the save (it was still running "
                "{secs} s later). The shield already keeps the save going; the caller gave up and must stop "
                "at once, so let the CancelledError out of `await asyncio.shield(task)`: do not catch it.",
                secs=STOP_WITHIN,
            )
        )
    if not state.cancelled:
        fail(
            _(
                "When the caller was cancelled, `save_profile` swallowed the cancellation and {ended}. A "
                "cancelled caller must see CancelledError (a timeout turns it into TimeoutError), or it believes "
                "the save is done. Let it propagate: do not catch it.",
                ended=state.ended(),
            )
        )
    if not finished[0]:
        fail(_("After the caller was cancelled, the save never finished. Run it in a task and shield that task."))


@dataclass
class _Kept:
    collected: bool = False
    save_finished: bool = False
    left_after: int = 0
    loop_reports: list[str] = field(default_factory=list)


def test_the_save_task_is_kept_until_done() -> None:
    """the save's task is kept in pending_saves (safe from the garbage collector) until it is done"""
    save_profile = _save_profile()
    saves = _pending_saves()
    store = Store(weakly_held_reply=True)
    kept = _Kept()

    async def scenario() -> _Caller:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _loop, context: kept.loop_reports.append(str(context.get("message"))))
        state = await _start_then_give_up(save_profile, store, saves)
        # The caller has given up: from now on, only `pending_saves` keeps the save's task alive.
        gc.collect()  # what Python's garbage collector may do at any moment
        reply = store.replies[0]() if store.replies else None
        if reply is None:
            kept.collected = bool(store.replies)
            return state
        reply.set_result(None)
        del reply
        kept.save_finished = await _wait(store.saved, 1)
        await asyncio.sleep(0)  # a turn of the loop, for the task's done callbacks
        await asyncio.sleep(0)
        kept.left_after = len(saves)
        return state

    state = _run(scenario)
    _check_gave_up(state, store)
    if kept.collected:
        destroyed = _(' (asyncio reported: "Task was destroyed but it is pending!")') if kept.loop_reports else ""
        fail(
            _(
                "Once the caller had given up, the save's task was garbage-collected while it was still "
                "waiting{destroyed}, so the save never finished. The event loop keeps only weak references to "
                "tasks, and a shield does not keep the task alive for you: keep a strong reference in "
                "`pending_saves` until the task is done.",
                destroyed=destroyed,
            )
        )
    if not state.held_while_saving:
        fail(
            _(
                "While the save was running, `pending_saves` held no task. Keep the save's task there, "
                "`pending_saves.add(task)`, so it survives even when nobody waits for it any more."
            )
        )
    if not kept.save_finished:
        fail(_("The save did not finish within 1 s after the database answered. Does `save_profile` start it once?"))
    if kept.left_after:
        fail(
            _(
                "`pending_saves` still held {count} task(s) after the save had finished, so it would grow "
                "with every save. Take each task out once it is done: "
                "`task.add_done_callback(pending_saves.discard)`.",
                count=kept.left_after,
            )
        )


def test_does_not_block_the_loop() -> None:
    """save_profile keeps the event loop free while the save runs"""
    save_profile = _save_profile()
    _pending_saves()
    store = Store()

    async def watched() -> tuple[Any, LoopHeartbeat]:
        asyncio.get_running_loop().call_later(0.1, store.gate.set)
        async with LoopHeartbeat() as beat:
            result = await save_profile(store.save, {"name": "Barbara"})
        return result, beat

    result, beat = _run(watched)
    _plain(result)
    beat.assert_not_blocked(what="`save_profile`")
