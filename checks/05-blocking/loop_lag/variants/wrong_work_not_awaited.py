# expect: never awaited
# expect-ru: но не дождались результата через `await`
import asyncio


async def measure_lag(work, interval=0.01):
    loop = asyncio.get_running_loop()
    worst = 0.0

    async def heartbeat():
        nonlocal worst
        while True:
            before = loop.time()
            await asyncio.sleep(interval)
            worst = max(worst, loop.time() - before - interval)

    beat = asyncio.create_task(heartbeat())
    try:
        work()
        await asyncio.sleep(0.1)
    finally:
        beat.cancel()
    return worst
