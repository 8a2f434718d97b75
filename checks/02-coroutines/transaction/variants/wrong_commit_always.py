# expect: yet the transaction was committed
# expect-ru: и всё же транзакцию закоммитили
class Transaction:
    def __init__(self, db):
        self.db = db

    async def __aenter__(self):
        self.conn = await self.db.connect()
        return self.conn

    async def __aexit__(self, exc_type, exc, tb):
        await self.conn.commit()  # whatever happened in the block
        await self.conn.close()


def transaction(db):
    return Transaction(db)


async def save_all(db, statements):
    async with transaction(db) as conn:
        for sql in statements:
            await conn.execute(sql)
    return len(statements)
