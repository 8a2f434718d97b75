# expect: subtract the `interval`
# expect-ru: вычтите запрошенный `interval`
import asyncio


async def measure_lag(work, interval=0.01):
    loop = asyncio.get_running_loop()
    worst = 0.0

    async def heartbeat():
        nonlocal worst
        while True:
            before = loop.time()
            await asyncio.sleep(interval)
            worst = max(worst, loop.time() - before)  # includes the planned sleep itself

    beat = asyncio.create_task(heartbeat())
    try:
        await work()
    finally:
        beat.cancel()
    return worst
