# Another correct answer: the heartbeat lives in a TaskGroup (Python 3.11+), which waits for it
# after it is cancelled; perf_counter instead of loop.time().
import asyncio
import time


async def measure_lag(work, interval=0.01):
    worst = 0.0

    async def heartbeat():
        nonlocal worst
        while True:
            before = time.perf_counter()
            await asyncio.sleep(interval)
            worst = max(worst, time.perf_counter() - before - interval)

    async with asyncio.TaskGroup() as group:
        beat = group.create_task(heartbeat())
        try:
            await work()
        finally:
            beat.cancel()
    return worst
