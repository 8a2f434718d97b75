# expect: before the close had finished
# expect-ru: до того, как закрытие закончилось
import asyncio

closing = set()


async def worker(inbox, connect):
    conn = await connect()
    try:
        while True:
            message = await inbox.get()
            await conn.send(message)
    finally:
        task = asyncio.create_task(conn.close())  # started, but the worker ends before it is done
        closing.add(task)
        task.add_done_callback(closing.discard)
