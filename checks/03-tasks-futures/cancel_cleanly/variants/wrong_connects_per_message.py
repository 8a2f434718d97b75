# expect: Connect once, before the `while True:` loop
# expect-ru: Подключайтесь один раз, до цикла `while True:`
async def worker(inbox, connect):
    while True:
        message = await inbox.get()
        conn = await connect()
        try:
            await conn.send(message)
        finally:
            await conn.close()
