# expect: no other task was running
# expect-ru: других задач не было
import asyncio


async def measure_lag(work, interval=0.01):
    loop = asyncio.get_running_loop()
    worst = 0.0
    await work()
    for _ in range(5):  # measures the loop after the work, when it is free again
        before = loop.time()
        await asyncio.sleep(interval)
        worst = max(worst, loop.time() - before - interval)
    return worst
