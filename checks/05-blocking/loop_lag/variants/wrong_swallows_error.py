# expect: as if all went well
# expect-ru: как будто всё прошло хорошо
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
    try:  # noqa: SIM105
        await work()
    except Exception:
        pass  # hides the work's failure from the caller
    beat.cancel()
    return worst
