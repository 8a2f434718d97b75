# expect: do not start a task per item
# expect-ru: не запускайте задачу на каждый элемент
import asyncio


async def run_pipeline(items, handle, workers):
    async with asyncio.TaskGroup() as group:
        for item in items:
            group.create_task(handle(item))
