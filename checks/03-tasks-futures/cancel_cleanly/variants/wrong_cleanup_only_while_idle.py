# expect: in the middle of `await conn.send(...)` and never closed
# expect-ru: посреди `await conn.send(...)`, а он так и не закрыл
import asyncio


async def worker(inbox, connect):
    conn = await connect()
    while True:
        try:
            message = await inbox.get()
        except asyncio.CancelledError:
            await conn.close()
            raise
        await conn.send(message)  # a cancel that lands here skips the clean-up
