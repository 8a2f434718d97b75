# expect: never awaited
# expect-ru: но не дождались результата через `await`
async def worker(inbox, connect):
    conn = await connect()
    try:
        while True:
            message = await inbox.get()
            await conn.send(message)
    finally:
        conn.close()  # creates the coroutine, never runs it
