# expect: Start `workers` worker tasks
# expect-ru: Запустите `workers` задач-воркеров
import asyncio


async def run_pipeline(items, handle, workers):
    queue = asyncio.Queue(maxsize=workers)

    async def worker():
        while True:
            item = await queue.get()
            try:
                await handle(item)
            finally:
                queue.task_done()

    task = asyncio.create_task(worker())  # one worker, whatever `workers` says
    for item in items:
        await queue.put(item)
    await queue.join()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
