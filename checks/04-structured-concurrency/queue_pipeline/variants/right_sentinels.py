# Another correct answer: stop the workers with sentinels, one per worker, then await them. Each worker
# ends its loop when it takes a sentinel, so nothing needs cancelling.
import asyncio

DONE = object()  # a marker no real item can be equal to


async def run_pipeline(items, handle, workers):
    queue = asyncio.Queue(maxsize=workers)

    async def worker():
        while (item := await queue.get()) is not DONE:
            await handle(item)

    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    for item in items:
        await queue.put(item)
    for _ in tasks:
        await queue.put(DONE)  # queued after every item: each worker finishes its items first
    await asyncio.gather(*tasks)
