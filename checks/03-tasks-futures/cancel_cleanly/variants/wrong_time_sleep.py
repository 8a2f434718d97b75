# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import time


async def worker(inbox, connect):
    conn = await connect()
    try:
        while True:
            message = await inbox.get()
            await conn.send(message)
            time.sleep(0.3)  # "rate limiting" that freezes the whole event loop
    finally:
        await conn.close()
