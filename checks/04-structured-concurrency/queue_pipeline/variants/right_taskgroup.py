# Another correct answer: the workers live in a TaskGroup. After join(), cancelling them is a normal
# way out: a TaskGroup treats a cancelled child as finished, not as an error.
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

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(worker()) for _ in range(workers)]
        for item in items:
            await queue.put(item)
        await queue.join()
        for task in tasks:
            task.cancel()
    # Leaving the `async with` block waited for every worker to finish cancelling.
