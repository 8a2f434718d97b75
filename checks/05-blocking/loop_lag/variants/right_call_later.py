# Another correct answer: a heartbeat made of timer callbacks instead of a task. Each callback
# compares the time it runs with the time it was due (`handle.when()`).
import asyncio


async def measure_lag(work, interval=0.01):
    loop = asyncio.get_running_loop()
    lags = [0.0]
    handle = None

    def tick():
        nonlocal handle
        lags.append(loop.time() - handle.when())
        handle = loop.call_later(interval, tick)

    handle = loop.call_later(interval, tick)
    try:
        await work()
    finally:
        handle.cancel()
    return max(lags)
