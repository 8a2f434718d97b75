# expect: never got control back
# expect-ru: так и не получил управление обратно
import asyncio
import time


async def measure_lag(work, interval=0.01):
    worst = 0.0

    async def heartbeat():
        nonlocal worst
        while True:
            before = time.perf_counter()
            time.sleep(interval)  # blocks: this loop never gives the event loop a turn
            worst = max(worst, time.perf_counter() - before - interval)

    beat = asyncio.create_task(heartbeat())
    try:
        await work()
    finally:
        beat.cancel()
    return worst
