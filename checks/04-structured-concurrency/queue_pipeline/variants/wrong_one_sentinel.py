# expect: put one sentinel per worker
# expect-ru: по одному сигнальному значению на каждый воркер
import asyncio


async def run_pipeline(items, handle, workers):
    queue = asyncio.Queue(maxsize=workers)

    async def worker():
        while (item := await queue.get()) is not None:
            await handle(item)

    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    for item in items:
        await queue.put(item)
    await queue.put(None)  # stops one worker; the others wait for ever
    await asyncio.gather(*tasks)
