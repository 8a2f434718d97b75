# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time


async def run_pipeline(items, handle, workers):
    queue = asyncio.Queue(maxsize=workers)

    async def worker():
        while True:
            item = await queue.get()
            try:
                await handle(item)
            finally:
                queue.task_done()

    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    time.sleep(0.3)  # "give the workers a moment to start" (they cannot: the loop is frozen)
    for item in items:
        await queue.put(item)
    await queue.join()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
