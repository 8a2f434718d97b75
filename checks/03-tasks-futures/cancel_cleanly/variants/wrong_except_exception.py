# expect: it is a BaseException since Python 3.8
async def worker(inbox, connect):
    conn = await connect()
    try:
        while True:
            message = await inbox.get()
            await conn.send(message)
    except Exception:
        await conn.close()  # CancelledError is not an Exception: this never runs on cancel
        raise
