# expect: although all 12 items had been handled
# expect-ru: хотя все элементы (всего 12) уже были обработаны
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
    await asyncio.gather(*tasks)  # waits for workers that never end
