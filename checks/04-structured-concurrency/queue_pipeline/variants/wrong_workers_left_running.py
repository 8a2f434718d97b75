# expect: waiting for items that will never come
# expect-ru: в ожидании элементов, которые никогда не придут
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
    await queue.join()  # every item is done... and the workers are left waiting on get()
    print(f"{len(tasks)} workers finished their work")
