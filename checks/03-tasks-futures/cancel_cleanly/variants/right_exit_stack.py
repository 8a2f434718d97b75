# Another correct answer: an AsyncExitStack registers the clean-up as soon as the connection exists.
import contextlib


async def worker(inbox, connect):
    async with contextlib.AsyncExitStack() as stack:
        conn = await connect()
        stack.push_async_callback(conn.close)
        while True:
            await conn.send(await inbox.get())
