# expect: Do not catch it in `save_all`
# expect-ru: Не перехватывайте её в `save_all`
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
    count = 0
    try:
        async with transaction(db) as conn:
            for sql in statements:
                await conn.execute(sql)
                count += 1
    except Exception:
        pass  # "it was rolled back anyway"
    return count
