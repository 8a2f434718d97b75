# expect: with an error from the work
# expect-ru: после того, как работа выбросила ошибку
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
    await work()  # if this raises, the heartbeat is never cancelled
    beat.cancel()
    return worst
