# Напишите `transaction(db)` — асинхронный контекстный менеджер (класс с `__aenter__`/`__aexit__` или
# генератор с `@contextlib.asynccontextmanager`): он дожидается `db.connect()` и передаёт соединение в
# блок; в конце дожидается `conn.commit()` или, если блок выбросил исключение, `conn.rollback()` (это
# исключение всё равно должно дойти до вызывающего кода), и всегда `conn.close()`. Затем
# `save_all(db, statements)`: одна транзакция, которая выполняет каждый запрос через
# `await conn.execute(sql)` и возвращает, сколько запросов выполнено.
# Урок 2: Корутины и await (`tutor lesson 2`)

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Protocol


class Connection(Protocol):
    """Что вам даёт `await db.connect()` (проверка передаёт поддельную базу данных)."""

    async def execute(self, sql: str) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    async def close(self) -> None: ...


class Database(Protocol):
    async def connect(self) -> Connection: ...


@contextlib.asynccontextmanager
async def transaction(db: Database) -> AsyncIterator[Connection]:
    """`async with transaction(db) as conn:` подключиться; затем коммит или откат; всегда закрыть."""
    conn = await db.connect()
    try:
        yield conn  # здесь выполняется тело `async with`
        await conn.commit()
    except BaseException:
        # Блок выбросил исключение или был отменён (отсюда BaseException): исключение приходит в точку `yield`.
        await conn.rollback()
        raise  # выбрасываем снова, иначе контекстный менеджер его проглотит
    finally:
        await conn.close()  # выполняется при любом выходе: успех, ошибка, отмена


async def save_all(db: Database, statements: list[str]) -> int:
    """Выполняет все запросы в одной транзакции; возвращает, сколько их выполнено."""
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
