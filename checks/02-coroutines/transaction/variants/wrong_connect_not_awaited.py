# expect: Did you forget `await`?
# expect-ru: Может быть, вы забыли `await`?
import contextlib


@contextlib.asynccontextmanager
async def transaction(db):
    conn = db.connect()
    try:
        yield conn
    except Exception:
        await conn.rollback()
        raise
    else:
        await conn.commit()
    finally:
        await conn.close()


async def save_all(db, statements):
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
    return len(statements)
