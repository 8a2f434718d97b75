"""Checks for lesson 3, exercise `callback_to_future.py`: wrap a callback API in a Future, thread-safely."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from tutor.checkkit import (
    LoopHeartbeat,
    _,
    fail,
    load_exercise,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
)

Fetch = Callable[[Any, str], Awaitable[Any]]
Script = list[tuple[str, Any]]  # what the fake API answers: ("done", value) or ("error", exception)
Callback = Callable[[Any], object]

API_THREAD = "legacy-api"
INVALID_STATE = (asyncio.InvalidStateError, concurrent.futures.InvalidStateError)


def _set_once() -> str:
    """The advice for a Future set twice, or set after it was cancelled."""
    return _(
        "A Future can be set only once: once it is done (answered, or cancelled because its caller gave up), "
        "`set_result` and `set_exception` raise InvalidStateError. Check first, in the function that runs on the "
        "loop's thread: `if not fut.done(): fut.set_result(value)`."
    )


def _fetch() -> Fetch:
    return require_function(load_exercise(), "fetch", is_async=True)


class _FakeAPI:
    """A callback-style client: answers a moment later, from a timer on the loop or from a thread of its own.

    It records what the learner's callbacks raise, and `trouble` is set as soon as one raises, so a
    check can stop waiting for an `await` that will never finish.
    """

    def __init__(self, answers: dict[str, Script], *, threaded: bool, gated: bool = False) -> None:
        self.answers = answers
        self.threaded = threaded
        self.loop = asyncio.get_running_loop()
        self.calls: list[str] = []
        self.callback_errors: list[tuple[str, BaseException]] = []
        self.called = asyncio.Event()
        self.answered = asyncio.Event()
        self.trouble = asyncio.Event()
        self.threads: list[threading.Thread] = []
        self._gate = threading.Event()
        if not gated:
            self._gate.set()

    def fetch(self, key: str, on_done: Callable[[Any], object], on_error: Callable[[BaseException], object]) -> None:
        self.calls.append(key)
        self._to_loop(self.called.set)
        script = self.answers.get(key, [("error", KeyError(key))])
        if self.threaded:
            thread = threading.Thread(
                target=self._answer_from_thread, args=(script, on_done, on_error), name=API_THREAD, daemon=True
            )
            self.threads.append(thread)
            thread.start()
        else:
            self.loop.call_later(0.02, self._answer, script, on_done, on_error)

    def release(self) -> None:
        """Let a gated API answer now."""
        self._gate.set()

    def _answer_from_thread(self, script: Script, on_done: Callback, on_error: Callback) -> None:
        time.sleep(0.02)  # fine here: this is the API's own thread, not the event loop's
        if self._gate.wait(timeout=3):
            self._answer(script, on_done, on_error)

    def _answer(self, script: Script, on_done: Callback, on_error: Callback) -> None:
        for kind, payload in script:
            name, callback = ("on_done", on_done) if kind == "done" else ("on_error", on_error)
            try:
                callback(payload)
            except BaseException as exc:
                self.callback_errors.append((name, exc))
                self._to_loop(self.trouble.set)
        self._to_loop(self.answered.set)

    def _to_loop(self, callback: Callable[[], object]) -> None:
        with contextlib.suppress(RuntimeError):  # RuntimeError: the loop is closed, the check is over
            self.loop.call_soon_threadsafe(callback)


class _ThreadGuard:
    """Notices loop calls made from a foreign thread (what `fut.set_result` does there) and passes them on
    safely, so the learner's `await` still finishes and the check can explain instead of hanging.

    In debug mode asyncio itself raises RuntimeError in such a thread and the awaiting task never wakes up,
    not even for a timeout; without debug mode the call may sit unnoticed until something wakes the loop.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.loop_thread = threading.get_ident()
        self.foreign: list[str] = []
        call_soon, call_at = loop.call_soon, loop.call_at

        def guarded_call_soon(callback: Callable[..., object], *args: Any, context: Any = None) -> Any:
            if threading.get_ident() == self.loop_thread:
                return call_soon(callback, *args, context=context)
            self._record("loop.call_soon")
            return loop.call_soon_threadsafe(callback, *args, context=context)

        def guarded_call_at(when: float, callback: Callable[..., object], *args: Any, context: Any = None) -> Any:
            if threading.get_ident() == self.loop_thread:
                return call_at(when, callback, *args, context=context)
            self._record("loop.call_at")
            return loop.call_soon_threadsafe(lambda: call_at(when, callback, *args, context=context))

        # Instance attributes win over the class's methods, also for asyncio's C-accelerated Futures.
        loop.call_soon = guarded_call_soon  # type: ignore[method-assign]
        loop.call_at = guarded_call_at  # type: ignore[method-assign]

    def _record(self, what: str) -> None:
        self.foreign.append(_("`{what}` ran in thread {thread!r}", what=what, thread=threading.current_thread().name))


@dataclass
class _Run:
    """What happened to one `await fetch(api, key)`."""

    finished: bool = False
    result: Any = None
    error: BaseException | None = None
    foreign: list[str] = field(default_factory=list)
    loop_errors: list[BaseException] = field(default_factory=list)


async def _drive(fetch: Fetch, api: _FakeAPI, key: str, run: _Run, *, within: float = 0.75) -> None:
    """Await the learner's `fetch(api, key)` as a task, stopping early if one of its callbacks raised."""
    loop = asyncio.get_running_loop()
    guard = _ThreadGuard(loop)
    loop.set_exception_handler(lambda _loop, context: _record_loop_error(run, context))
    task = asyncio.ensure_future(fetch(api, key))
    trouble = asyncio.ensure_future(api.trouble.wait())
    await asyncio.wait({task, trouble}, timeout=within, return_when=asyncio.FIRST_COMPLETED)
    trouble.cancel()
    if task.done():
        run.finished = True
        if task.cancelled():
            run.error = asyncio.CancelledError()
        elif task.exception() is not None:
            run.error = task.exception()
        else:
            run.result = task.result()
        # Let the API finish answering (a second answer, say) and the loop run what it queued.
        await _settle(api)
    else:
        task.cancel()
        await asyncio.wait({task}, timeout=0.5)
    run.foreign += guard.foreign


async def _settle(api: _FakeAPI) -> None:
    if api.calls:
        try:
            async with asyncio.timeout(1):
                await api.answered.wait()
        except TimeoutError:
            pass
    for _turn in range(3):
        await asyncio.sleep(0)


def _record_loop_error(run: _Run, context: dict[str, Any]) -> None:
    exc = context.get("exception")
    if isinstance(exc, BaseException):
        run.loop_errors.append(exc)


def _join(api: _FakeAPI) -> None:
    api.release()
    for thread in api.threads:
        thread.join(timeout=2)


def _call(fetch: Fetch, answers: dict[str, Script], key: str, *, threaded: bool) -> tuple[_Run, _FakeAPI]:
    """Run one `await fetch(api, key)` against a fresh fake API."""
    run = _Run()
    holder: list[_FakeAPI] = []

    async def scenario() -> None:
        api = _FakeAPI(answers, threaded=threaded)
        holder.append(api)
        await _drive(fetch, api, key, run)

    try:
        with no_unawaited_coroutines():
            run_async(scenario, within=4, what=f"`await fetch(api, {key!r})`")
    finally:
        for api in holder:
            _join(api)
    return run, holder[0]


def _where(api: _FakeAPI) -> str:
    return _(" from its own thread ({thread!r})", thread=API_THREAD) if api.threaded else ""


def _foreign_thread_failure(run: _Run) -> NoReturn:
    fail(
        _(
            "The API called your callback from its own thread, and your code touched the event loop from there: "
            "{call} (that is what `fut.set_result(...)` does to wake up whoever awaits the Future). "
            "Futures and the loop are not thread-safe. The check passed the call on for you; for real, in debug "
            "mode asyncio raises RuntimeError in that thread and your `await` never finishes, and without debug "
            "mode the answer waits, unseen, until something else wakes the loop. Hand the work to the loop's "
            "thread: `loop.call_soon_threadsafe(fut.set_result, value)`, with `loop = asyncio.get_running_loop()` "
            "taken in `fetch` before you call the API.",
            call=run.foreign[0],
        )
    )


def _check_callbacks(run: _Run, api: _FakeAPI, *, situation: str = "") -> None:
    """Fail on the first thing the learner's callbacks did wrong: foreign-thread calls, then exceptions."""
    if run.foreign:
        _foreign_thread_failure(run)
    for name, exc in api.callback_errors:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        if isinstance(exc, INVALID_STATE):
            advice = _set_once()
        elif isinstance(exc, RuntimeError) and "no running event loop" in str(exc):
            advice = _(
                "No event loop runs in the API's thread, so `asyncio.get_running_loop()` fails there. Take the "
                "loop in `fetch` itself, before calling the API (`loop = asyncio.get_running_loop()`), and use "
                "that `loop` in the callbacks."
            )
        else:
            advice = _("The callbacks should only hand the value or the error over to the Future.")
        fail(
            _(
                "{situation}The API called your `{name}`{where}, and it raised {text}. {advice}",
                situation=situation,
                name=name,
                where=_where(api),
                text=text,
                advice=advice,
            )
        )
    for exc in run.loop_errors:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        advice = (
            _set_once() if isinstance(exc, INVALID_STATE) else _("Look at what your callbacks schedule on the loop.")
        )
        fail(
            _(
                "{situation}After the API called back, a callback you scheduled on the loop raised {text}. {advice}",
                situation=situation,
                text=text,
                advice=advice,
            )
        )


def _plain_result(result: Any, call: str) -> Any:
    """Fail clearly when `fetch` gave back a coroutine or a Future instead of a value."""
    reject_coroutine(result, call)
    if isinstance(result, asyncio.Future):
        if result.done() and not result.cancelled():
            result.exception()  # mark it retrieved, so asyncio does not log it later
        fail(
            _(
                "{call} gave back the {kind} itself instead of the value. `return fut` hands the "
                "caller a Future that may not be done yet; `return await fut` waits for the callback and returns "
                "its value. Did you forget `await`?",
                call=call,
                kind=type(result).__name__,
            )
        )
    return result


def _reraise_own_error(run: _Run, expected: BaseException | None = None) -> None:
    """An exception raised by the learner's own code (not the API's) is shown as it is, at their line."""
    error = run.error
    if error is not None and error is not expected and not isinstance(error, asyncio.CancelledError):
        raise error


def _check_value(run: _Run, api: _FakeAPI, key: str, expected: Any) -> None:
    """`await fetch(api, key)` must have finished with `expected`."""
    call = f"`await fetch(api, {key!r})`"
    _check_callbacks(run, api)
    _reraise_own_error(run)
    _check_calls(api, key)
    if not run.finished:
        fail(
            _(
                "{call} never finished, although the API called `on_done({expected!r})`{where}. Your `on_done` "
                "must set the Future's result (`fut.set_result(value)`, passed to the loop's thread), and `fetch` "
                "must `return await fut`.",
                call=call,
                expected=expected,
                where=_where(api),
            )
        )
    if run.error is not None:
        fail(
            _(
                "{call} raised {kind}; it should return {expected!r}.",
                call=call,
                kind=type(run.error).__name__,
                expected=expected,
            )
        )
    result = _plain_result(run.result, call)
    assert result == expected, _(
        "{call} returned {result!r}; the API answered `on_done({expected!r})`.",
        call=call,
        result=result,
        expected=expected,
    )


def _check_calls(api: _FakeAPI, key: str) -> None:
    if not api.calls:
        fail(
            _(
                "`fetch` never called `api.fetch(...)`. Start the request with "
                "`api.fetch({key!r}, on_done, on_error)`, passing two callbacks that settle your Future.",
                key=key,
            )
        )
    if api.calls != [key]:
        fail(
            _(
                "`fetch(api, {key!r})` called `api.fetch` with {calls!r}; call it once, with the key it was given.",
                key=key,
                calls=api.calls,
            )
        )


def _check_error(run: _Run, api: _FakeAPI, key: str, expected: BaseException) -> None:
    """`await fetch(api, key)` must have raised the very exception the API reported."""
    call = f"`await fetch(api, {key!r})`"
    _check_callbacks(run, api)
    _reraise_own_error(run, expected)
    _check_calls(api, key)
    if not run.finished:
        fail(
            _(
                "{call} never finished, although the API called `on_error({expected!r})`{where}. Your "
                "`on_error` must put the exception into the Future, `fut.set_exception(error)` (passed to the "
                "loop's thread), so that `await fut` raises it.",
                call=call,
                expected=expected,
                where=_where(api),
            )
        )
    if run.error is expected:
        return
    if run.error is None and run.result is expected:
        fail(
            _(
                "{call} returned the exception object {expected!r} as its value instead of raising it. "
                "`fut.set_result(error)` makes the error an ordinary result; `fut.set_exception(error)` makes "
                "`await fut` raise it.",
                call=call,
                expected=expected,
            )
        )
    if run.error is None:
        result = _plain_result(run.result, call)
        fail(
            _(
                "{call} returned {result!r}; it should raise the error the API reported, {expected!r}.",
                call=call,
                result=result,
                expected=expected,
            )
        )
    fail(
        _(
            "{call} raised {kind}, not the error the API reported ({expected!r}). Pass the "
            "API's exception on as it is: `fut.set_exception(error)`.",
            call=call,
            kind=type(run.error).__name__,
            expected=expected,
        )
    )


def test_fetch_is_a_coroutine_function() -> None:
    """fetch is a coroutine function (`async def`)"""
    _fetch()


def test_returns_the_value() -> None:
    """fetch returns the value the API hands to on_done"""
    run, api = _call(_fetch(), {"user:1": [("done", "Ada")]}, "user:1", threaded=False)
    _check_value(run, api, "user:1", "Ada")


def test_raises_the_error() -> None:
    """fetch raises the exception the API hands to on_error"""
    error = LookupError("no user 'user:404'")
    run, api = _call(_fetch(), {"user:404": [("error", error)]}, "user:404", threaded=False)
    _check_error(run, api, "user:404", error)


def test_callbacks_from_another_thread() -> None:
    """fetch works when the API calls back from its own thread (call_soon_threadsafe)"""
    fetch = _fetch()
    run, api = _call(fetch, {"user:2": [("done", "Grace")]}, "user:2", threaded=True)
    _check_value(run, api, "user:2", "Grace")
    error = PermissionError("user:3 is private")
    run, api = _call(fetch, {"user:3": [("error", error)]}, "user:3", threaded=True)
    _check_error(run, api, "user:3", error)


def test_a_second_answer_is_ignored() -> None:
    """when the API answers twice, the first answer counts and the second raises nothing"""
    late = TimeoutError("the API gave up on 'user:1' (after answering)")
    run, api = _call(_fetch(), {"user:1": [("done", "Ada"), ("error", late)]}, "user:1", threaded=False)
    _reraise_own_error(run)
    _check_calls(api, "user:1")
    _check_callbacks(run, api, situation=_("The API answered twice: `on_done('Ada')`, then `on_error(...)`. "))
    _check_value(run, api, "user:1", "Ada")


@dataclass
class _Abandoned:
    called: bool = False
    returned_early: bool = False
    stopped: bool = False
    ended_cancelled: bool = False


def test_a_late_answer_is_ignored() -> None:
    """when the caller stops waiting, a late answer from the API raises nothing"""
    fetch = _fetch()
    run, state = _Run(), _Abandoned()
    holder: list[_FakeAPI] = []

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        guard = _ThreadGuard(loop)
        loop.set_exception_handler(lambda _loop, context: _record_loop_error(run, context))
        api = _FakeAPI({"user:5": [("done", "Linus")]}, threaded=True, gated=True)
        holder.append(api)
        task = asyncio.ensure_future(fetch(api, "user:5"))
        called = asyncio.ensure_future(api.called.wait())
        await asyncio.wait({task, called}, timeout=1, return_when=asyncio.FIRST_COMPLETED)
        called.cancel()
        state.called = api.called.is_set()
        await asyncio.sleep(0)
        if task.done():  # it did not wait for the answer
            state.returned_early = True
            run.finished = True
            if task.cancelled():
                run.error = asyncio.CancelledError()
            elif task.exception() is not None:
                run.error = task.exception()
            else:
                run.result = task.result()
            return
        task.cancel()  # the caller gives up, as a timeout would make it do
        await asyncio.wait({task}, timeout=0.5)
        state.stopped = task.done()
        state.ended_cancelled = task.cancelled()
        if not state.stopped:
            return
        api.release()  # now the API answers, too late
        await _settle(api)
        run.foreign += guard.foreign

    try:
        with no_unawaited_coroutines():
            run_async(scenario, within=4, what="`await fetch(api, 'user:5')`")
    finally:
        for api in holder:
            _join(api)
    api = holder[0]
    _reraise_own_error(run)
    if not state.called:
        _check_calls(api, "user:5")
    if state.returned_early:
        result = _plain_result(run.result, "`await fetch(api, 'user:5')`")
        fail(
            _(
                "`await fetch(api, 'user:5')` returned {result!r} before the API had answered. Return `await fut`.",
                result=result,
            )
        )
    if not state.stopped:
        fail(
            _(
                "When its caller cancelled it, `fetch` did not stop within 0.5 s. Let the CancelledError raised at "
                "`await fut` pass through: do not catch it."
            )
        )
    if not state.ended_cancelled:
        fail(
            _(
                "When its caller cancelled it, `fetch` ended without raising CancelledError. Let the cancellation "
                "pass through `await fut`: do not catch it."
            )
        )
    _check_callbacks(
        run,
        api,
        situation=_(
            "The caller stopped waiting (its `await fetch(...)` was cancelled, which also cancels your Future), "
            "then the API answered anyway. "
        ),
    )


def test_does_not_block_the_loop() -> None:
    """fetch keeps the event loop free while it waits for the API"""
    fetch = _fetch()
    run = _Run()
    holder: list[_FakeAPI] = []

    async def watched() -> LoopHeartbeat:
        api = _FakeAPI({"user:1": [("done", "Ada")]}, threaded=False)
        holder.append(api)
        async with LoopHeartbeat() as beat:
            await _drive(fetch, api, "user:1", run)
        return beat

    with no_unawaited_coroutines():
        beat = run_async(watched, within=4, what="`await fetch(api, 'user:1')`")
    _check_value(run, holder[0], "user:1", "Ada")
    beat.assert_not_blocked(what="`fetch`")
