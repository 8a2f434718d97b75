# expect: return the connection, not `self`
# expect-ru: возвращайте соединение, а не `self`
class Transaction:
    def __init__(self, db):
        self.db = db

    async def __aenter__(self):
        self.conn = await self.db.connect()
        return self

    async def __aexit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                await self.conn.commit()
            else:
                await self.conn.rollback()
        finally:
            await self.conn.close()


def transaction(db):
    return Transaction(db)


async def save_all(db, statements):
    async with transaction(db) as tx:
        for sql in statements:
            await tx.conn.execute(sql)
    return len(statements)
