# expect: swallowed the cancellation
# expect-ru: Воркер проглотил отмену
import asyncio


async def worker(inbox, connect):
    conn = await connect()
    try:
        while True:
            message = await inbox.get()
            await conn.send(message)
    except asyncio.CancelledError:
        await conn.close()  # cleaned up, but the cancellation is swallowed: no `raise`
