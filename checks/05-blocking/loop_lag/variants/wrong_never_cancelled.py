# expect: still running after `measure_lag` returned
# expect-ru: после возврата из `measure_lag`
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

    asyncio.create_task(heartbeat())  # noqa: RUF006 - the mistake: nothing keeps or stops it
    await work()
    return worst
