# expect: The producer read 20 items
# expect-ru: Производитель прочитал из `items` 20 элементов
import asyncio


async def run_pipeline(items, handle, workers):
    queue = asyncio.Queue()  # no maxsize: put() never waits

    async def worker():
        while True:
            item = await queue.get()
            try:
                await handle(item)
            finally:
                queue.task_done()

    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    for item in items:
        await queue.put(item)
    await queue.join()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
