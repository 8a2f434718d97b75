# expect: Put `@contextlib.asynccontextmanager` on the line above
# expect-ru: Поставьте `@contextlib.asynccontextmanager` строкой выше
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
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
    return len(statements)
