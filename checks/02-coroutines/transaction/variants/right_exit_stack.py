# Another correct answer: a class whose __aexit__ dispatches on the exception, plus a separate
# closing step registered with contextlib.AsyncExitStack.
import contextlib


class Transaction:
    def __init__(self, db):
        self._db = db
        self._stack = contextlib.AsyncExitStack()

    async def __aenter__(self):
        conn = await self._db.connect()
        self._stack.push_async_callback(conn.close)  # runs on every way out
        self._conn = conn
        return conn

    async def __aexit__(self, exc_type, exc, tb):
        async with self._stack:
            if exc is None:
                await self._conn.commit()
            else:
                await self._conn.rollback()


def transaction(db):
    return Transaction(db)


async def save_all(db, statements):
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
    return len(statements)
