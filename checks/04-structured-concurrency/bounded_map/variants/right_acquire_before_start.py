# Another correct answer: take a semaphore slot *before* starting each task, so at most `limit`
# tasks even exist at a time; each task gives its slot back when its call is done.
import asyncio


async def bounded_map(fn, items, limit):
    slots = asyncio.Semaphore(limit)

    async def call(item):
        try:
            return await fn(item)
        finally:
            slots.release()

    tasks = []
    async with asyncio.TaskGroup() as group:
        for item in items:
            await slots.acquire()  # waits while `limit` calls are running
            tasks.append(group.create_task(call(item)))
    return [task.result() for task in tasks]
