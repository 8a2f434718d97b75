# expect: not `with`
# expect-ru: а не через `with`
import contextlib


@contextlib.asynccontextmanager
async def transaction(db):
    conn = await db.connect()
    try:
        yield conn
        await conn.commit()
    except Exception:
        await conn.rollback()
        raise
    finally:
        await conn.close()


async def save_all(db, statements):
    with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
    return len(statements)
