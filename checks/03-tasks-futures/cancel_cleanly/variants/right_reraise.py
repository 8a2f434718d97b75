# Another correct answer: catch CancelledError to clean up, then re-raise it.
import asyncio


async def worker(inbox, connect):
    conn = await connect()
    while True:
        try:
            message = await inbox.get()
            await conn.send(message)
        except asyncio.CancelledError:
            await conn.close()
            raise  # the cancellation goes on: the task ends as cancelled
