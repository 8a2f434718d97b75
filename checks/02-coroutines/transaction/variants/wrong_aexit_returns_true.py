# expect: your context manager swallowed it
# expect-ru: ваш контекстный менеджер его проглотил
class Transaction:
    def __init__(self, db):
        self.db = db

    async def __aenter__(self):
        self.conn = await self.db.connect()
        return self.conn

    async def __aexit__(self, exc_type, exc, tb):
        if exc_type is None:
            await self.conn.commit()
        else:
            await self.conn.rollback()
        await self.conn.close()
        return True  # "handled": this suppresses the exception


def transaction(db):
    return Transaction(db)


async def save_all(db, statements):
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
    return len(statements)
