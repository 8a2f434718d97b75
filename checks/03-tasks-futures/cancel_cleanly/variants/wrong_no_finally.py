# expect: never closed its connection
# expect-ru: так и не закрыл своё соединение
async def worker(inbox, connect):
    conn = await connect()
    while True:
        message = await inbox.get()
        await conn.send(message)
    await conn.close()  # never reached: cancellation leaves the loop by an exception
