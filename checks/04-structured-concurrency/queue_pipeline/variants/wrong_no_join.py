# expect: Were the workers stopped before the queue was empty?
# expect-ru: воркеры остановились раньше, чем опустела очередь
import asyncio


async def run_pipeline(items, handle, workers):
    queue = asyncio.Queue(maxsize=workers)

    async def worker():
        while True:
            item = await queue.get()
            await handle(item)
            queue.task_done()

    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    for item in items:
        await queue.put(item)
    # every item is in the queue... but not handled yet
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
