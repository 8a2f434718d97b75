# expect: your context manager did no cleanup at all
# expect-ru: ваш контекстный менеджер не выполнил никакой очистки
import contextlib


@contextlib.asynccontextmanager
async def transaction(db):
    conn = await db.connect()
    yield conn  # if the block raises, the exception comes out right here...
    await conn.commit()  # ...so none of this runs
    await conn.close()


async def save_all(db, statements):
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
    return len(statements)
