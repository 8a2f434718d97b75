"""Checks for lesson 2, exercise `await_chain.py`: results and exceptions travel through `await`."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, NoReturn

from tutor.checkkit import (
    CheckFailure,
    _,
    fail,
    load_exercise,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
)

USERS: dict[int, dict[str, Any]] = {
    1: {"name": "Ada", "team_id": 7},
    3: {"name": "Linus", "team_id": 8},
    5: {"name": "Grace", "team_id": 99},  # team 99 does not exist
}
TEAMS: dict[int, dict[str, Any]] = {7: {"name": "Compilers"}, 8: {"name": "Kernels"}}


def _forgot_await() -> str:
    return _(
        "A coroutine object was used as if it were the result. Did you forget `await` in front of a call to an "
        "`async def` function (`api.get_user(...)`, `api.get_team(...)` or `user_and_team(...)`)? Calling it "
        "only creates the coroutine; `await` runs it and gives you its return value."
    )


class api:
    """The exercise's api. A call is recorded when its body runs, that is, when it is awaited.

    Named like the learner's variable, so Python's warning reads "coroutine 'api.get_user' was never awaited".
    """

    def __init__(self, not_found: type[Exception], *, broken: BaseException | None = None) -> None:
        self.not_found = not_found
        self.broken = broken
        self.calls: list[str] = []

    async def get_user(self, user_id: int) -> dict[str, Any]:
        self.calls.append(f"get_user({user_id})")
        await asyncio.sleep(0.01)  # a real suspension, like waiting for the network
        if self.broken is not None:
            raise self.broken
        if user_id not in USERS:
            raise self.not_found(f"no user {user_id}")
        return dict(USERS[user_id])

    async def get_team(self, team_id: int) -> dict[str, Any]:
        self.calls.append(f"get_team({team_id})")
        await asyncio.sleep(0.01)
        if team_id not in TEAMS:
            raise self.not_found(f"no team {team_id}")
        return dict(TEAMS[team_id])


def _not_found() -> type[Exception]:
    cls = getattr(load_exercise(), "NotFound", None)
    if not (isinstance(cls, type) and issubclass(cls, Exception)):
        fail(
            _(
                "Your file has no `NotFound` exception class any more. Keep `class NotFound(Exception)` from the "
                "exercise file: the check's api raises it."
            )
        )
    return cls


def _outcome(make: Callable[[], Awaitable[Any]], what: str) -> tuple[Any, Exception | None]:
    """Await the learner's coroutine; give back (result, None) or (None, the exception it raised)."""

    async def scenario() -> tuple[Any, Exception | None]:
        try:
            return await make(), None
        except CheckFailure:
            raise
        except Exception as error:
            return None, error

    with no_unawaited_coroutines():
        result, error = run_async(scenario, within=3, what=what)
    if error is not None and isinstance(error, TypeError | AttributeError) and "coroutine" in str(error):
        fail(
            _("{what} raised {error_type}: {error}.", what=what, error_type=type(error).__name__, error=error)
            + " "
            + _forgot_await()
        )
    return result, error


def _reraise(error: Exception) -> NoReturn:
    """An error the check did not expect: show it as the learner's own, at their line."""
    raise error


def _no_coroutines(result: Any, what: str) -> None:
    """Fail on a coroutine object given back as (part of) the result: a missing `await`."""
    reject_coroutine(result, what)
    if isinstance(result, tuple | list) and any(inspect.iscoroutine(item) for item in result):
        for item in result:
            if inspect.iscoroutine(item):
                item.close()  # closed on purpose, so Python does not also warn about it
        fail(
            _("{what} returned {result!r}, a pair holding a coroutine object.", what=what, result=result)
            + " "
            + _forgot_await()
        )


def _names(result: Any, what: str) -> tuple[Any, ...]:
    _no_coroutines(result, what)
    if not isinstance(result, tuple | list) or len(result) != 2:
        fail(
            _(
                '{what} gave {result!r}; it should return a pair of names, such as `("Ada", "Compilers")`.',
                what=what,
                result=result,
            )
        )
    if any(isinstance(item, dict) for item in result):
        fail(
            _(
                "{what} returned the whole dicts, {result!r}. "
                'Return just the names: `return user["name"], team["name"]`.',
                what=what,
                result=result,
            )
        )
    return tuple(result)


def test_both_are_coroutine_functions() -> None:
    """user_and_team and describe are coroutine functions (`async def`)"""
    module = load_exercise()
    require_function(module, "user_and_team", is_async=True)
    require_function(module, "describe", is_async=True)


def test_user_and_team_follows_the_chain() -> None:
    """user_and_team awaits the user, then that user's team, and returns both names"""
    user_and_team = require_function(load_exercise(), "user_and_team", is_async=True)
    fake = api(_not_found())
    what = "`await user_and_team(api, 3)`"
    result, error = _outcome(lambda: user_and_team(fake, 3), what)
    if error is not None:
        _reraise(error)
    names = _names(result, what)
    expected_calls = ["get_user(3)", "get_team(8)"]
    if fake.calls != expected_calls:
        fail(
            _(
                "{what} made the api calls {calls}; expected {expected}: first the user, then the team "
                'whose id is in the user\'s dict (`user["team_id"]`), each awaited once.',
                what=what,
                calls=fake.calls,
                expected=expected_calls,
            )
        )
    assert names == ("Linus", "Kernels"), _(
        "{what} returned {result!r}; user 3 is Linus, in the team Kernels, so expected ('Linus', 'Kernels').",
        what=what,
        result=result,
    )


def test_user_and_team_lets_not_found_through() -> None:
    """user_and_team lets the api's NotFound travel on to its caller"""
    user_and_team = require_function(load_exercise(), "user_and_team", is_async=True)
    not_found = _not_found()
    for user_id, message in ((42, "no user 42"), (5, "no team 99")):
        what = f"`await user_and_team(api, {user_id})`"
        result, error = _outcome(lambda user_id=user_id: user_and_team(api(not_found), user_id), what)
        if error is None:
            _no_coroutines(result, what)
            fail(
                _(
                    "{what} returned {result!r}, but the api raised NotFound({message!r}). `user_and_team` must "
                    "not handle it: an exception raised in an awaited coroutine comes out of the `await` and "
                    "travels on up the chain by itself. Remove the try/except from `user_and_team`; `describe` "
                    "is the one that decides what to do.",
                    what=what,
                    result=result,
                    message=message,
                )
            )
        if not isinstance(error, not_found):
            _reraise(error)
        assert str(error) == message, _(
            "{what} raised NotFound({got!r}), not the api's own NotFound({message!r}). Let the "
            "exception through unchanged: do not catch it and raise a new one.",
            what=what,
            got=str(error),
            message=message,
        )


def test_describe_known_user() -> None:
    """describe returns "<name> (<team>)" for a user whose team exists"""
    describe = require_function(load_exercise(), "describe", is_async=True)
    not_found = _not_found()
    for user_id, expected in ((1, "Ada (Compilers)"), (3, "Linus (Kernels)")):
        what = f"`await describe(api, {user_id})`"
        result, error = _outcome(lambda user_id=user_id: describe(api(not_found), user_id), what)
        if error is not None:
            _reraise(error)
        reject_coroutine(result, what)
        assert result == expected, _(
            '{what} gave {result!r}; expected {expected!r}, as `f"{{name}} ({{team}})"`.',
            what=what,
            result=result,
            expected=expected,
        )


def test_describe_not_found() -> None:
    """describe returns "unknown: <message>" when the api raises NotFound, for the user or the team"""
    describe = require_function(load_exercise(), "describe", is_async=True)
    not_found = _not_found()
    for user_id, message in ((42, "no user 42"), (5, "no team 99")):
        expected = f"unknown: {message}"
        what = f"`await describe(api, {user_id})`"
        result, error = _outcome(lambda user_id=user_id: describe(api(not_found), user_id), what)
        if isinstance(error, not_found):
            fail(
                _(
                    "{what} let the api's NotFound({message!r}) escape instead of returning {expected!r}. "
                    "The exception comes out of the `await`, not out of the call that creates the coroutine, "
                    "so the line with `await user_and_team(...)` must itself be inside the `try:`, followed by "
                    "`except NotFound as error:`.",
                    what=what,
                    message=str(error),
                    expected=expected,
                )
            )
        if error is not None:
            _reraise(error)
        reject_coroutine(result, what)
        if isinstance(result, str) and result != expected and result.startswith("unknown"):
            fail(
                _(
                    "{what} gave {result!r}; expected {expected!r}, with the message the NotFound carries. "
                    'Name the exception and use it: `except NotFound as error: return f"unknown: {{error}}"`.',
                    what=what,
                    result=result,
                    expected=expected,
                )
            )
        assert result == expected, _(
            "{what} gave {result!r}; expected {expected!r}.", what=what, result=result, expected=expected
        )


def test_describe_lets_other_errors_through() -> None:
    """describe lets any other error (here a ConnectionError) reach its caller"""
    describe = require_function(load_exercise(), "describe", is_async=True)
    broken = ConnectionError("api unreachable")
    what = "`await describe(api, 1)`"
    result, error = _outcome(lambda: describe(api(_not_found(), broken=broken), 1), what)
    if error is None:
        reject_coroutine(result, what)
        fail(
            _(
                "{what} returned {result!r} although the api raised ConnectionError('api unreachable'). Only "
                'NotFound means "unknown"; any other error is a real failure that the caller must see, and '
                "hiding it makes it very hard to find. Catch only `NotFound` (`except NotFound as error:`), "
                "not `Exception`.",
                what=what,
                result=result,
            )
        )
    if not isinstance(error, ConnectionError):
        _reraise(error)
