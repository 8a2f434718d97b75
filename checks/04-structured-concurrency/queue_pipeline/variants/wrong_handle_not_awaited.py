# expect: but never awaited it
# expect-ru: но не дождались результата через `await`
import asyncio


async def run_pipeline(items, handle, workers):
    queue = asyncio.Queue(maxsize=workers)

    async def worker():
        while True:
            item = await queue.get()
            try:
                handle(item)  # creates the coroutine, but nothing runs it
            finally:
                queue.task_done()

    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    for item in items:
        await queue.put(item)
    await queue.join()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
