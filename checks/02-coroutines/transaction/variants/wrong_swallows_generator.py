# expect: your context manager swallowed it
# expect-ru: ваш контекстный менеджер его проглотил
import contextlib


@contextlib.asynccontextmanager
async def transaction(db):
    conn = await db.connect()
    try:
        yield conn
    except Exception:
        await conn.rollback()  # ...and no `raise`: the exception is swallowed
    else:
        await conn.commit()
    finally:
        await conn.close()


async def save_all(db, statements):
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
    return len(statements)
