# expect: was still running
# expect-ru: он всё ещё работал
import asyncio


async def worker(inbox, connect):
    conn = await connect()
    while True:
        try:
            message = await inbox.get()
            await conn.send(message)
        except asyncio.CancelledError:
            print("cancelled? not now, there may be more messages")
            continue
