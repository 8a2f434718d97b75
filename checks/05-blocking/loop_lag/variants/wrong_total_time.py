# expect: not how long the whole work took
import time


async def measure_lag(work, interval=0.01):
    start = time.perf_counter()
    await work()
    return time.perf_counter() - start
