# expect: never awaited
# expect-ru: не дождались результата через `await`
import contextlib


@contextlib.asynccontextmanager
async def transaction(db):
    conn = await db.connect()
    try:
        yield conn
    except Exception:
        await conn.rollback()
        raise
    else:
        await conn.commit()
    finally:
        conn.close()


async def save_all(db, statements):
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
    return len(statements)
