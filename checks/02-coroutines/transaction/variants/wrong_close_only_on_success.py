# expect: Close it in a `finally:` clause
# expect-ru: Закрывайте соединение в секции `finally:`
import contextlib


@contextlib.asynccontextmanager
async def transaction(db):
    conn = await db.connect()
    try:
        yield conn
    except Exception:
        await conn.rollback()
        raise
    await conn.commit()
    await conn.close()


async def save_all(db, statements):
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
    return len(statements)
