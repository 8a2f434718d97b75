"""Checks for lesson 2, exercise `maybe_await.py`: call a hook, await its result only when it is awaitable."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Generator
from typing import Any

from tutor.checkkit import (
    CheckFailure,
    _,
    fail,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    require_function,
    run_async,
)

Hook = Callable[..., Any]


def _isawaitable_advice() -> str:
    return _(
        "Test what the hook returned, not the hook itself: `result = hook(*args)`, then "
        "`if inspect.isawaitable(result): return await result`. `inspect.iscoroutinefunction(hook)` is False for a "
        "plain `def` that returns an awaitable, and `inspect.iscoroutine(result)` is False for a Future, a Task or "
        "an object with `__await__`: only `inspect.isawaitable` covers them all."
    )


class Ticket:
    """An awaitable that is neither a coroutine nor a Future: its class defines `__await__`."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __await__(self) -> Generator[Any, None, Any]:
        return asyncio.sleep(0.01, result=self.value).__await__()


class Hooks:
    """Hooks of every kind. Each records its calls when it is *called*, so a second call shows."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def plain(self, name: str, body: Callable[..., Any]) -> Hook:
        def hook(*args: Any) -> Any:
            self.calls.append(f"{name}{args!r}")
            return body(*args)

        hook.__name__ = hook.__qualname__ = name
        return hook

    def coroutine_function(self, name: str, body: Callable[..., Any]) -> Hook:
        async def hook(*args: Any) -> Any:
            self.calls.append(f"{name}{args!r}")
            await asyncio.sleep(0.01)
            return body(*args)

        hook.__name__ = hook.__qualname__ = name
        return hook

    def async_callable(self, name: str, body: Callable[..., Any]) -> Hook:
        hooks = self

        class AsyncCallable:
            async def __call__(self, *args: Any) -> Any:
                hooks.calls.append(f"{name}{args!r}")
                await asyncio.sleep(0.01)
                return body(*args)

        AsyncCallable.__call__.__qualname__ = name  # names the coroutine in Python's warnings
        return AsyncCallable()

    def returning(self, kind: str, name: str, body: Callable[..., Any]) -> Hook:
        """A plain `def` whose return value is an awaitable of the given kind."""
        hooks = self

        async def later(value: Any) -> Any:
            await asyncio.sleep(0.01)
            return value

        later.__name__ = later.__qualname__ = name  # names the coroutine in Python's warnings

        def hook(*args: Any) -> Any:
            hooks.calls.append(f"{name}{args!r}")
            value = body(*args)
            if kind == "coroutine":
                return later(value)
            if kind == "Task":
                return asyncio.create_task(later(value))
            if kind == "Future":
                loop = asyncio.get_running_loop()
                future = loop.create_future()
                loop.call_later(0.01, future.set_result, value)
                return future
            return Ticket(value)

        hook.__name__ = hook.__qualname__ = name
        return hook


def _call_hook() -> Callable[..., Awaitable[Any]]:
    return require_function(load_exercise(), "call_hook", is_async=True)


def _run(make: Callable[[], Awaitable[Any]], what: str) -> Any:
    """Run the learner's coroutine with a deadline; explain the usual TypeError of awaiting a plain value."""

    async def scenario() -> Any:
        try:
            return await make()
        except TypeError as error:
            if "can't be used in 'await' expression" not in str(error):
                raise
            fail(
                _(
                    "{what} raised TypeError: {error}. A plain function returned a plain value, and your code "
                    "awaited it: only awaitables can be awaited.",
                    what=what,
                    error=error,
                )
                + " "
                + _isawaitable_advice()
            )

    return run_async(scenario, within=2, what=what)


def _not_awaited(result: Any, what: str, kind: str) -> None:
    """Fail if the result is still an awaitable: it should have been awaited."""
    if not inspect.isawaitable(result):
        return
    if inspect.iscoroutine(result):
        result.close()  # closed on purpose, so Python does not also warn about it
    fail(
        _(
            "{what} gave back {described} instead of its result: the hook returned {kind}.",
            what=what,
            described=_describe(result),
            kind=kind,
        )
        + " "
        + _isawaitable_advice()
    )


def _describe(value: Any) -> str:
    if inspect.iscoroutine(value):
        return _("a coroutine object")
    return _("a {kind} object", kind=type(value).__name__)


def test_both_are_coroutine_functions() -> None:
    """call_hook and run_pipeline are coroutine functions (`async def`)"""
    module = load_exercise()
    require_function(module, "call_hook", is_async=True)
    require_function(module, "run_pipeline", is_async=True)


def test_plain_hook() -> None:
    """a plain function's return value comes back as it is (also None), with the arguments passed on"""
    call_hook = _call_hook()
    hooks = Hooks()
    cases: list[tuple[Hook, tuple[Any, ...], Any]] = [
        (hooks.plain("add", lambda a, b: a + b), (2, 3), 5),
        (hooks.plain("shout", lambda text: text.upper()), ("hi",), "HI"),
        (hooks.plain("log", lambda text: None), ("quiet",), None),
    ]
    for hook, args, expected in cases:
        what = f"`await call_hook({hook.__name__}, {', '.join(map(repr, args))})`"
        with no_unawaited_coroutines():
            result = _run(lambda hook=hook, args=args: call_hook(hook, *args), what)
        assert result == expected, _(
            "{what} gave {result!r}; the hook is a plain function that returns {expected!r}, so expected "
            "that value as it is. Pass the arguments on with `hook(*args)`.",
            what=what,
            result=result,
            expected=expected,
        )


def test_async_hooks() -> None:
    """an `async def` hook, or an object with an `async def __call__`, is awaited and its result returned"""
    call_hook = _call_hook()
    hooks = Hooks()
    cases = [
        (_("an `async def` function"), hooks.coroutine_function("double", lambda x: 2 * x)),
        (_("an object whose `__call__` is `async def`"), hooks.async_callable("triple", lambda x: 3 * x)),
    ]
    for (kind, hook), expected in zip(cases, (42, 63), strict=True):
        what = "`await call_hook(hook, 21)`"
        with no_unawaited_coroutines():
            result = _run(lambda hook=hook: call_hook(hook, 21), what)
            _not_awaited(result, what, _("a coroutine (the hook is {kind})", kind=kind))
        assert result == expected, _(
            "{what} gave {result!r}; the hook ({kind}) returns {expected!r}.",
            what=what,
            result=result,
            kind=kind,
            expected=expected,
        )


def test_plain_hooks_returning_awaitables() -> None:
    """a plain function that returns a coroutine, a Task, a Future or an object with `__await__` is awaited too"""
    call_hook = _call_hook()
    kinds = {
        "coroutine": _("a coroutine object"),
        "Task": _("an asyncio Task"),
        "Future": _("an asyncio Future"),
        "Ticket": _("an object whose class defines `__await__`"),
    }
    for kind, described in kinds.items():
        hook = Hooks().returning(kind, "wrap", lambda text: f"[{text}]")
        what = "`await call_hook(hook, 'x')`"
        with no_unawaited_coroutines():
            result = _run(lambda hook=hook: call_hook(hook, "x"), what)
            _not_awaited(result, what, _("{described} from a plain `def`", described=described))
        assert result == "[x]", _(
            "{what} gave {result!r}; the hook's awaitable ({described}) gives '[x]'.",
            what=what,
            result=result,
            described=described,
        )


def test_hook_is_called_once() -> None:
    """call_hook calls the hook exactly once, whatever it returns"""
    call_hook = _call_hook()
    for kind in ("plain", "coroutine"):
        hooks = Hooks()
        if kind == "plain":
            hook = hooks.plain("send_email", lambda to: f"sent to {to}")
        else:
            hook = hooks.returning("coroutine", "send_email", lambda to: f"sent to {to}")
        what = "`await call_hook(send_email, 'ada@example.com')`"
        try:
            with no_unawaited_coroutines():
                result = _run(lambda hook=hook: call_hook(hook, "ada@example.com"), what)
        except CheckFailure:
            if len(hooks.calls) <= 1:
                raise
            result = None  # the hook ran twice: that is the real mistake, explained below
        if len(hooks.calls) != 1:
            fail(
                ngettext(
                    "{what} called the hook {n} times ({calls}); it must call it "
                    "exactly once. Each call runs the hook's work again (here: a second email), and calling an "
                    "`async def` hook only to test the coroutine it returns leaves a coroutine nobody awaits. "
                    "Call it once and keep the result in a variable: `result = hook(*args)`.",
                    "{what} called the hook {n} times ({calls}); it must call it "
                    "exactly once. Each call runs the hook's work again (here: a second email), and calling an "
                    "`async def` hook only to test the coroutine it returns leaves a coroutine nobody awaits. "
                    "Call it once and keep the result in a variable: `result = hook(*args)`.",
                    len(hooks.calls),
                    what=what,
                    calls=", ".join(hooks.calls),
                )
            )
        _not_awaited(result, what, _("a coroutine object"))
        assert result == "sent to ada@example.com", _(
            "{what} gave {result!r}; expected 'sent to ada@example.com'.", what=what, result=result
        )


def test_errors_pass_through() -> None:
    """an error raised inside a hook reaches the caller unchanged, and the hook still runs once"""
    call_hook = _call_hook()

    def bad_input(text: str) -> str:
        raise TypeError(f"bad input: {text!r}")

    for kind in ("plain", "async"):
        hooks = Hooks()
        hook = hooks.plain("parse", bad_input) if kind == "plain" else hooks.coroutine_function("parse", bad_input)
        if kind == "async":
            what = _("`await call_hook(parse, 'x')` (an `async def` hook)")
        else:
            what = _("`await call_hook(parse, 'x')` (a plain hook)")
        try:
            with no_unawaited_coroutines():
                result = _run(lambda hook=hook: call_hook(hook, "x"), what)
        except TypeError as error:
            assert str(error) == "bad input: 'x'", _(
                "{what} raised TypeError({error!r}); expected the hook's own TypeError('bad input: 'x'').",
                what=what,
                error=str(error),
            )
        except CheckFailure:
            if len(hooks.calls) <= 1:
                raise
            result = None
        else:
            if inspect.iscoroutine(result):
                result.close()
            fail(
                _(
                    "{what} returned {returned} "
                    "instead of letting the hook's TypeError('bad input: 'x'') through. Do not tell awaitables "
                    "apart with `try: await ... except TypeError:`: that also catches the TypeErrors raised "
                    "inside the hook itself. Test the result instead: `if inspect.isawaitable(result):`.",
                    what=what,
                    returned=_describe(result) if inspect.isawaitable(result) else repr(result),
                )
            )
        if len(hooks.calls) != 1:
            fail(
                ngettext(
                    "{what} called the hook {n} times; call it exactly once, and let its error "
                    "through. Do not use `try: await ... except TypeError:` to tell awaitables apart: it also "
                    "catches the hook's own errors, and calls the hook again.",
                    "{what} called the hook {n} times; call it exactly once, and let its error "
                    "through. Do not use `try: await ... except TypeError:` to tell awaitables apart: it also "
                    "catches the hook's own errors, and calls the hook again.",
                    len(hooks.calls),
                    what=what,
                )
                + " "
                + _isawaitable_advice()
            )


def test_run_pipeline() -> None:
    """run_pipeline passes each hook's result on to the next hook, whatever kind of hook it is"""
    run_pipeline = require_function(load_exercise(), "run_pipeline", is_async=True)
    hooks = Hooks()
    pipeline = [
        hooks.plain("strip", lambda text: text.strip()),
        hooks.coroutine_function("upper", lambda text: text.upper()),
        hooks.returning("Future", "bracket", lambda text: f"<{text}>"),
        hooks.returning("Ticket", "exclaim", lambda text: f"{text}!"),
    ]
    what = "`await run_pipeline([strip, upper, bracket, exclaim], '  hi ')`"
    with no_unawaited_coroutines():
        result = _run(lambda: run_pipeline(pipeline, "  hi "), what)
        _not_awaited(result, what, _("an awaitable"))
    expected_calls = ["strip('  hi ',)", "upper('hi',)", "bracket('HI',)", "exclaim('<HI>',)"]
    if hooks.calls != expected_calls:
        fail(
            _(
                "{what} called the hooks as {calls}; expected {expected}: each hook, in order, once, "
                "getting the previous hook's result (the first one gets `value`). Keep the running result in "
                "one variable: `value = await call_hook(hook, value)`.",
                what=what,
                calls=hooks.calls,
                expected=expected_calls,
            )
        )
    assert result == "<HI>!", _(
        "{what} gave {result!r}; expected '<HI>!', the last hook's result.", what=what, result=result
    )
    with no_unawaited_coroutines():
        empty = _run(lambda: run_pipeline([], "unchanged"), "`await run_pipeline([], 'unchanged')`")
    assert empty == "unchanged", _(
        "`await run_pipeline([], 'unchanged')` gave {empty!r}; with no hooks, return `value` as it is.", empty=empty
    )
