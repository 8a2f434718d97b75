# expect: did not finish within
# expect-ru: выполнение не завершилось за
import asyncio


async def measure_lag(work, interval=0.01):
    loop = asyncio.get_running_loop()
    worst = 0.0

    async def heartbeat():
        nonlocal worst
        while True:  # never ends, so gather never returns
            before = loop.time()
            await asyncio.sleep(interval)
            worst = max(worst, loop.time() - before - interval)

    await asyncio.gather(heartbeat(), work())
    return worst
