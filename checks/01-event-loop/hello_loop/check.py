"""Checks for lesson 1, exercise `hello_loop.py`: a first coroutine and `asyncio.run`."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable

import pytest

from tutor.checkkit import (
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

# Long enough to measure on a busy machine, short enough to keep the check quick.
DELAY = 0.25


def _greet() -> Callable[..., Awaitable[str]]:
    return require_function(load_exercise(), "greet", is_async=True)


def test_greet_is_a_coroutine_function() -> None:
    """greet is a coroutine function (`async def`)"""
    _greet()


def test_greet_returns_the_greeting() -> None:
    """greet returns "Hello, <name>!" (tried with "Ada")"""
    greet = _greet()
    with no_unawaited_coroutines():
        result = run_async(greet("Ada", 0.01), within=2, what='`await greet("Ada", 0.01)`')
    reject_coroutine(result, '`await greet("Ada", 0.01)`')
    assert result == "Hello, Ada!", _(
        "`await greet(\"Ada\", 0.01)` gave {result!r}; expected 'Hello, Ada!'. "
        'Return the f-string `f"Hello, {{name}}!"` (with the comma and the exclamation mark).',
        result=result,
    )


def test_greet_waits_without_blocking() -> None:
    """greet waits `delay` seconds without blocking the event loop"""
    greet = _greet()

    async def watched() -> tuple[str, LoopHeartbeat, Stopwatch]:
        async with LoopHeartbeat() as beat:
            with Stopwatch() as watch:
                result = await greet("Grace", DELAY)
        return result, beat, watch

    with no_unawaited_coroutines():
        result, beat, watch = run_async(watched, within=3, what=f'`await greet("Grace", {DELAY})`')
    reject_coroutine(result, f'`await greet("Grace", {DELAY})`')
    beat.assert_not_blocked(what=f'`greet("Grace", {DELAY})`')
    if watch.elapsed < DELAY * 0.9:
        fail(
            _(
                '`await greet("Grace", {delay})` finished after {elapsed:.2f} s, but it should wait '
                "`delay` seconds ({delay} s here) before answering. Wait for the `delay` it is given, "
                "without blocking: `await asyncio.sleep(delay)`.",
                delay=DELAY,
                elapsed=watch.elapsed,
            )
        )
    if watch.elapsed > DELAY + 0.6:
        fail(
            _(
                '`await greet("Grace", {delay})` took {elapsed:.2f} s; it should wait only `delay` '
                "seconds ({delay} s here). Sleep once, for exactly `delay`.",
                delay=DELAY,
                elapsed=watch.elapsed,
            )
        )


def test_run_greet_runs_greet_from_sync_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_greet is a plain function that runs greet and returns its result"""
    module = load_exercise()
    run_greet = require_function(module, "run_greet", is_async=False)
    _greet()
    awaited: list[str] = []

    async def spy_greet(name: str, delay: float = 0.1) -> str:
        # Stands in for the learner's greet, to prove run_greet really runs it on an event loop.
        awaited.append(name)
        await asyncio.sleep(0)
        return f"Hello from greet, {name}!"

    monkeypatch.setattr(module, "greet", spy_greet)
    with no_unawaited_coroutines():
        result = run_greet("Grace")
    if inspect.iscoroutine(result):
        result.close()
        fail(
            _(
                '`run_greet("Grace")` returned a coroutine object instead of the greeting: calling '
                "`greet(name)` only creates the coroutine, nothing runs yet. Plain `def` code cannot "
                "`await`; run it on an event loop and return what it gives back: `return asyncio.run(greet(name))`."
            )
        )
    if not awaited:
        fail(
            _(
                '`run_greet("Grace")` returned {result!r} without running `greet`. Let `greet` do the '
                "work: `return asyncio.run(greet(name))`.",
                result=result,
            )
        )
    assert result == "Hello from greet, Grace!", _(
        '`run_greet("Grace")` ran `greet`, but returned {result!r} instead of what `greet` returned. '
        "Return the result of `asyncio.run(greet(name))` as it is.",
        result=result,
    )


def test_run_greet_end_to_end() -> None:
    """run_greet("Linus") returns "Hello, Linus!" from plain code"""
    run_greet = require_function(load_exercise(), "run_greet", is_async=False)
    _greet()
    with no_unawaited_coroutines():
        result = run_greet("Linus")
    if inspect.iscoroutine(result):
        result.close()
        fail(_('`run_greet("Linus")` returned a coroutine object: use `return asyncio.run(greet(name))`.'))
    assert result == "Hello, Linus!", _(
        "`run_greet(\"Linus\")` gave {result!r}; expected 'Hello, Linus!'.", result=result
    )
