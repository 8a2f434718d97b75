# expect: not how long the whole work took
# expect-ru: а не сколько длилась вся работа
import time


async def measure_lag(work, interval=0.01):
    start = time.perf_counter()
    await work()
    return time.perf_counter() - start
