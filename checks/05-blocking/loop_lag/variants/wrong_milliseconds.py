# expect: looks like milliseconds
# expect-ru: похоже на миллисекунды
import asyncio


async def measure_lag(work, interval=0.01):
    loop = asyncio.get_running_loop()
    worst = 0.0

    async def heartbeat():
        nonlocal worst
        while True:
            before = loop.time()
            await asyncio.sleep(interval)
            worst = max(worst, (loop.time() - before - interval) * 1000)  # in ms, "easier to read"

    beat = asyncio.create_task(heartbeat())
    try:
        await work()
    finally:
        beat.cancel()
    return worst
