# expect: `cancel()` only requests it
# expect-ru: `cancel()` только запрашивает отмену
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
    await queue.join()
    for task in tasks:
        task.cancel()  # requested, but the workers have not stopped yet when we return
