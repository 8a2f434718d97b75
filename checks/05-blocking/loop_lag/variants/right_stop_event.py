# Another correct answer: the heartbeat stops itself when an Event is set, and is awaited.
import asyncio


async def measure_lag(work, interval=0.01):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    lateness = []

    async def heartbeat():
        while not stop.is_set():
            planned = loop.time() + interval
            await asyncio.sleep(interval)
            lateness.append(loop.time() - planned)

    beat = asyncio.create_task(heartbeat())
    try:
        await work()
    finally:
        stop.set()
        await beat  # ends after its current sleep
    return max(lateness, default=0.0)
