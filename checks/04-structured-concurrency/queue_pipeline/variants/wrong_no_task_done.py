# expect: matched by one `queue.task_done()`
# expect-ru: соответствует ровно один `queue.task_done()`
import asyncio


async def run_pipeline(items, handle, workers):
    queue = asyncio.Queue(maxsize=workers)

    async def worker():
        while True:
            item = await queue.get()
            await handle(item)  # ...and never queue.task_done()

    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    for item in items:
        await queue.put(item)
    await queue.join()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
