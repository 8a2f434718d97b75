# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import contextlib
import time


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
        time.sleep(0.25)  # "give the database a moment to flush" (freezes the whole event loop)
        await conn.close()


async def save_all(db, statements):
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
    return len(statements)
