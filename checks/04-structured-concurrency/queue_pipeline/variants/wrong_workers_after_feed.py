# expect: start the worker tasks first
# expect-ru: сначала запустите задачи-воркеры
import asyncio


async def run_pipeline(items, handle, workers):
    queue = asyncio.Queue(maxsize=workers)
    for item in items:
        await queue.put(item)  # waits for ever once the queue is full: nobody reads it yet

    async def worker():
        while True:
            item = await queue.get()
            try:
                await handle(item)
            finally:
                queue.task_done()

    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    await queue.join()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
