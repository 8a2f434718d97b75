"""Checks for lesson 2, exercise `transaction.py`: an async context manager that always cleans up."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

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

WHAT = "`async with transaction(db) as conn:`"


class BlockError(Exception):
    """What the check raises inside the `async with` block."""


class DbError(Exception):
    """What the fake connection raises for a statement containing "boom"."""


# The fakes are named like the learner's variables, so Python's warnings read
# "coroutine 'conn.close' was never awaited".


class db:
    """The exercise's database. Every operation is logged when it runs, that is, when it is awaited."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.connections: list[conn] = []

    async def connect(self) -> conn:
        self.log.append("connect")
        await asyncio.sleep(0.005)
        connection = conn(self, len(self.connections) + 1)
        self.connections.append(connection)
        return connection


class conn:
    """A connection from `await db.connect()`."""

    def __init__(self, database: db, number: int) -> None:
        self.db = database
        self.number = number
        self.closed = False

    def __repr__(self) -> str:
        return f"<connection {self.number}>"

    def _check_open(self, operation: str) -> None:
        if self.closed:
            fail(
                _(
                    "`conn.{operation}(...)` was called after `conn.close()`. Close the connection last: commit "
                    "or roll back first, then close (a `finally:` clause runs after the rest).",
                    operation=operation,
                )
            )

    async def execute(self, sql: str) -> None:
        self._check_open("execute")
        await asyncio.sleep(0.005)
        if "boom" in sql:
            self.db.log.append(f"execute {sql} (failed)")
            raise DbError(f"syntax error near {sql!r}")
        self.db.log.append(f"execute {sql}")

    async def commit(self) -> None:
        self._check_open("commit")
        await asyncio.sleep(0.005)
        self.db.log.append("commit")

    async def rollback(self) -> None:
        self._check_open("rollback")
        await asyncio.sleep(0.005)
        self.db.log.append("rollback")

    async def close(self) -> None:
        await asyncio.sleep(0.005)
        self.db.log.append("close again" if self.closed else "close")
        self.closed = True


@dataclass
class Outcome:
    """What happened around one `async with transaction(db) as conn:` block."""

    db: db
    entered: bool = False  # did the block start?
    given: Any = None  # what `as conn` received
    raised: Exception | None = None  # what came out of the `async with` statement


def _transaction() -> Callable[[Any], Any]:
    return require_function(load_exercise(), "transaction")


def _manager(transaction: Callable[[Any], Any], database: db) -> Any:
    """`transaction(db)`, failing clearly unless it is an async context manager."""
    manager = transaction(database)
    if inspect.iscoroutine(manager):
        manager.close()
        fail(
            _(
                "`transaction(db)` gave back a coroutine object, not an async context manager. If you wrote "
                "`async def transaction` with a `yield` in it, decorate it with `@contextlib.asynccontextmanager`; "
                "if you wrote a class, `transaction(db)` must create an instance of it (no `async def` needed)."
            )
        )
    if inspect.isasyncgen(manager):
        fail(
            _(
                "`transaction(db)` gave back an async generator, which `async with` cannot use. Put "
                "`@contextlib.asynccontextmanager` on the line above `async def transaction(db):`: it turns the "
                "generator into an async context manager."
            )
        )
    if not (hasattr(manager, "__aenter__") and hasattr(manager, "__aexit__")):
        if hasattr(manager, "__enter__"):
            fail(
                _(
                    "`transaction(db)` gave back a synchronous context manager ({kind}), for "
                    "`with`. Connecting, committing and closing must be awaited, so it has to work with "
                    "`async with`: define `async def __aenter__` and `async def __aexit__`, or use "
                    "`@contextlib.asynccontextmanager` (not `@contextlib.contextmanager`).",
                    kind=type(manager).__name__,
                )
            )
        fail(
            _(
                "`transaction(db)` gave back {manager!r}, which is not an async context manager. It needs "
                "`async def __aenter__` and `async def __aexit__` (or `@contextlib.asynccontextmanager` on a "
                "generator).",
                manager=manager,
            )
        )
    return manager


def _use(
    transaction: Callable[[Any], Any], *, statements: tuple[str, ...] = ("INSERT 1",), error: Exception | None = None
) -> Outcome:
    """Run one `async with transaction(db) as conn:` block that executes `statements`, then raises `error`."""
    outcome = Outcome(db())

    async def scenario() -> None:
        try:
            async with _manager(transaction, outcome.db) as connection:
                outcome.entered = True
                outcome.given = connection
                if isinstance(connection, conn):
                    for sql in statements:
                        await connection.execute(sql)
                if error is not None:
                    raise error
        except CheckFailure:
            raise
        except Exception as raised:
            outcome.raised = raised

    with no_unawaited_coroutines():
        run_async(scenario, within=2, what=WHAT)
    _check_given(outcome)
    return outcome


def _check_given(outcome: Outcome) -> None:
    """The block must receive the connection that `await db.connect()` gave."""
    given = outcome.given
    if outcome.raised is not None and not outcome.entered:
        raise outcome.raised  # failed before the block started: show the learner's own error
    reject_coroutine(given, _("The `as conn` of {what}", what=WHAT))
    connects = outcome.db.log.count("connect")
    if connects != 1:
        fail(
            ngettext(
                "{what} called `db.connect()` {n} times; connect exactly once, before the block runs.",
                "{what} called `db.connect()` {n} times; connect exactly once, before the block runs.",
                connects,
                what=WHAT,
            )
        )
    if given is None:
        fail(
            _(
                "{what} gave the block None instead of the connection. What `__aenter__` returns is what `as conn` "
                "receives (`return self.conn`); in an `@asynccontextmanager` generator, it is what you yield "
                "(`yield conn`).",
                what=WHAT,
            )
        )
    if given is not outcome.db.connections[0]:
        fail(
            _(
                "{what} gave the block {given!r} instead of the connection from `await db.connect()`. What "
                "`__aenter__` returns is what `as conn` receives: return the connection, not `self`.",
                what=WHAT,
                given=given,
            )
        )


def _closed(log: list[str]) -> str:
    closes = log.count("close") + log.count("close again")
    if closes == 0:
        return _("the connection was never closed")
    return ngettext("the connection was closed {n} times", "the connection was closed {n} times", closes)


def test_transaction_is_an_async_context_manager() -> None:
    """transaction(db) gives an async context manager (usable with `async with`)"""
    transaction = _transaction()

    async def make() -> None:
        _manager(transaction, db())

    with no_unawaited_coroutines():
        run_async(make, within=2, what="`transaction(db)`")


def test_block_gets_the_connection() -> None:
    """`async with transaction(db) as conn:` gives the block the connection from `await db.connect()`"""
    outcome = _use(_transaction())
    if outcome.raised is not None:
        raise outcome.raised


def test_commits_then_closes() -> None:
    """a block that ends normally: commit, then close"""
    outcome = _use(_transaction(), statements=("INSERT 1", "INSERT 2"))
    if outcome.raised is not None:
        raise outcome.raised
    log = outcome.db.log
    if "rollback" in log:
        fail(
            _(
                "The block ended without an error, yet the transaction was rolled back (the database saw {log}). "
                "Roll back only when the block raised: `__aexit__` gets `exc_type=None` when it did not; in a "
                "generator, the code right after `yield` runs only on success.",
                log=log,
            )
        )
    if "commit" not in log:
        fail(
            _(
                "The block ended without an error, but the transaction was never committed (the database saw "
                "{log}). When the block ends normally, `await conn.commit()`.",
                log=log,
            )
        )
    if log.count("close") != 1:
        fail(
            _(
                "When the block is over, the connection must be closed exactly once; {closed} (the "
                "database saw {log}). `await conn.close()` after committing.",
                closed=_closed(log),
                log=log,
            )
        )
    expected = ["connect", "execute INSERT 1", "execute INSERT 2", "commit", "close"]
    assert log == expected, _("The database saw {log}; expected {expected}.", log=log, expected=expected)


def test_rolls_back_closes_and_reraises() -> None:
    """a block that raises: roll back, close, and the block's exception still reaches the caller"""
    block_error = BlockError("row 2 is invalid")
    outcome = _use(_transaction(), error=block_error)
    log = outcome.db.log
    if outcome.raised is None:
        fail(
            _(
                "The block raised BlockError('row 2 is invalid'), but it never reached the code around the "
                "`async with`: your context manager swallowed it (the database saw {log}). A true value returned "
                "from `__aexit__` tells Python to suppress the exception, so return None (or False); in an "
                "`@asynccontextmanager` generator, re-raise it after the rollback with a bare `raise`.",
                log=log,
            )
        )
    if outcome.raised is not block_error:
        raise outcome.raised
    if "rollback" not in log and "close" not in log:
        fail(
            _(
                "The block raised, and your context manager did no cleanup at all (the database saw {log}). The "
                "exception comes out of the block, in a generator right at the `yield`, so the lines after it "
                "never run. Wrap the `yield` in try/except/finally: roll back in `except`, close in `finally` "
                "(in a class, `__aexit__` runs in both cases: look at its `exc_type`).",
                log=log,
            )
        )
    if "commit" in log:
        fail(
            _(
                "The block raised, yet the transaction was committed (the database saw {log}). Commit only when "
                "the block ended normally; when it raised, `await conn.rollback()`.",
                log=log,
            )
        )
    if "rollback" not in log:
        fail(
            _(
                "The block raised, but the transaction was not rolled back (the database saw {log}). When the "
                "block raises, `await conn.rollback()` before closing.",
                log=log,
            )
        )
    if log.count("close") != 1:
        fail(
            _(
                "The block raised, and {closed} (the database saw {log}). Close it in a `finally:` clause, "
                "so that it happens exactly once, on every way out.",
                closed=_closed(log),
                log=log,
            )
        )
    expected = ["connect", "execute INSERT 1", "rollback", "close"]
    assert log == expected, _("The database saw {log}; expected {expected}.", log=log, expected=expected)


def test_keeps_the_loop_free() -> None:
    """transaction never blocks the event loop"""
    transaction = _transaction()

    async def watched() -> LoopHeartbeat:
        async with LoopHeartbeat() as beat:
            async with _manager(transaction, db()) as connection:
                await connection.execute("INSERT 1")
            try:
                async with _manager(transaction, db()):
                    raise BlockError("row 2 is invalid")
            except BlockError:
                pass
        return beat

    with no_unawaited_coroutines():
        beat = run_async(watched, within=3, what=WHAT)
    beat.assert_not_blocked(what="`transaction`")


def _save_all() -> Callable[..., Awaitable[Any]]:
    return require_function(load_exercise(), "save_all", is_async=True)


def _run_save_all(statements: list[str]) -> tuple[db, Any, Exception | None]:
    save_all = _save_all()
    database = db()
    what = f"`await save_all(db, {statements!r})`"

    async def scenario() -> tuple[Any, Exception | None]:
        try:
            return await save_all(database, statements), None
        except TypeError as error:
            if "context manager protocol" not in str(error):
                raise
            fail(
                _(
                    "{what} raised TypeError: {error}. `transaction(db)` is an async context manager: enter it "
                    "with `async with transaction(db) as conn:`, not `with`. A plain `with` cannot await the "
                    "connect, commit and close.",
                    what=what,
                    error=error,
                )
            )
        except (DbError, BlockError) as error:
            return None, error

    with no_unawaited_coroutines():
        result, error = run_async(scenario, within=2, what=what)
    return database, result, error


def test_save_all_runs_every_statement() -> None:
    """save_all runs every statement in one transaction, commits, closes and returns the count"""
    statements = ["INSERT 1", "INSERT 2", "INSERT 3"]
    database, result, error = _run_save_all(statements)
    if error is not None:
        raise error
    reject_coroutine(result, "`await save_all(db, statements)`")
    expected = ["connect", *(f"execute {sql}" for sql in statements), "commit", "close"]
    if database.log != expected:
        fail(
            _(
                "`save_all` with {statements} made the database see {log}; expected {expected}: one "
                "connection, each statement awaited in order, then commit and close. Use "
                "`async with transaction(db) as conn:` and `await conn.execute(sql)` for each statement.",
                statements=statements,
                log=database.log,
                expected=expected,
            )
        )
    assert result == 3, _(
        "`await save_all(db, statements)` returned {result!r}; it ran 3 statements, so return 3.", result=result
    )


def test_save_all_rolls_back_on_error() -> None:
    """save_all stops at a failing statement: rollback, close, and the error reaches the caller"""
    statements = ["INSERT 1", "INSERT boom", "INSERT 3"]
    database, result, error = _run_save_all(statements)
    log = database.log
    if error is None:
        reject_coroutine(result, "`await save_all(db, statements)`")
        fail(
            _(
                "`save_all` returned {result!r}, but the statement 'INSERT boom' raised DbError (the database saw "
                "{log}). Let the error travel on: the transaction rolls back, and the caller must learn that "
                "nothing was saved. Do not catch it in `save_all`.",
                result=result,
                log=log,
            )
        )
    if "execute INSERT 3" in log:
        fail(
            _(
                "`save_all` carried on after 'INSERT boom' failed (the database saw {log}). Let the exception end "
                "the `async with` block: the transaction then rolls back.",
                log=log,
            )
        )
    expected = ["connect", "execute INSERT 1", "execute INSERT boom (failed)", "rollback", "close"]
    assert log == expected, _(
        "After 'INSERT boom' failed, the database saw {log}; expected {expected}: the statements run inside "
        "`async with transaction(db) as conn:`, which rolls back and closes.",
        log=log,
        expected=expected,
    )
