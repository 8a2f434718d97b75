# Write `transaction(db)`, an async context manager (a class with `__aenter__`/`__aexit__`, or a generator
# with `@contextlib.asynccontextmanager`): it awaits `db.connect()` and hands the connection to the block;
# at the end it awaits `conn.commit()`, or `conn.rollback()` if the block raised (that exception must
# still reach the caller), and always `conn.close()`. Then `save_all(db, statements)`: one transaction
# that runs each statement with `await conn.execute(sql)` and returns how many it ran.
# Lesson 2: Coroutines and await (`tutor lesson 2`)

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Protocol


class Connection(Protocol):
    """What `await db.connect()` gives you (the check passes in a fake database)."""

    async def execute(self, sql: str) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    async def close(self) -> None: ...


class Database(Protocol):
    async def connect(self) -> Connection: ...


@contextlib.asynccontextmanager
async def transaction(db: Database) -> AsyncIterator[Connection]:
    """`async with transaction(db) as conn:` connect; then commit or roll back; always close."""
    conn = await db.connect()
    try:
        yield conn  # the body of the `async with` runs here
        await conn.commit()
    except BaseException:
        # The block raised, or was cancelled (hence BaseException): the exception arrives at `yield`.
        await conn.rollback()
        raise  # re-raise it, or the context manager would swallow it
    finally:
        await conn.close()  # runs on every way out: success, error, cancellation


async def save_all(db: Database, statements: list[str]) -> int:
    """Run every statement in one transaction; return how many ran."""
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
    return len(statements)


if __name__ == "__main__":

    class DemoConnection:
        async def execute(self, sql: str) -> None:
            await asyncio.sleep(0.05)
            if "oops" in sql:
                raise ValueError(f"bad SQL: {sql}")
            print("  execute", sql)

        async def commit(self) -> None:
            print("  commit")

        async def rollback(self) -> None:
            print("  rollback")

        async def close(self) -> None:
            print("  close")

    class DemoDatabase:
        async def connect(self) -> DemoConnection:
            print("  connect")
            return DemoConnection()

    print("ran", asyncio.run(save_all(DemoDatabase(), ["INSERT 1", "INSERT 2"])), "statements")
    try:
        asyncio.run(save_all(DemoDatabase(), ["INSERT 3", "oops", "INSERT 4"]))
    except ValueError as error:
        print("the error still reached us:", error)
