# expect: it is a BaseException since Python 3.8
# expect-ru: начиная с Python 3.8 это `BaseException`
async def worker(inbox, connect):
    conn = await connect()
    try:
        while True:
            message = await inbox.get()
            await conn.send(message)
    except Exception:
        await conn.close()  # CancelledError is not an Exception: this never runs on cancel
        raise
