# Another correct answer: a generator that records success in a flag and decides in `finally`.
import contextlib


@contextlib.asynccontextmanager
async def transaction(db):
    conn = await db.connect()
    succeeded = False
    try:
        yield conn
        succeeded = True
    finally:
        if succeeded:
            await conn.commit()
        else:
            await conn.rollback()
        await conn.close()


async def save_all(db, statements):
    ran = []
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
            ran.append(sql)
    return len(ran)
