# Another correct answer: a class with __aenter__/__aexit__ (lowercase, like contextlib's own classes).
class transaction:
    def __init__(self, db):
        self.db = db
        self.conn = None

    async def __aenter__(self):
        self.conn = await self.db.connect()
        return self.conn

    async def __aexit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                await self.conn.commit()
            else:
                await self.conn.rollback()
        finally:
            await self.conn.close()
        return False  # never suppress the block's exception


async def save_all(db, statements):
    count = 0
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
            count += 1
    return count
