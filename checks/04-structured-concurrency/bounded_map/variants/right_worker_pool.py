# Another correct answer: exactly `limit` workers, each taking the next item as soon as it is free,
# and writing each result into its item's place.
import asyncio


async def bounded_map(fn, items, limit):
    results = [None] * len(items)
    todo = iter(enumerate(items))  # shared by the workers: each item is taken once

    async def worker():
        for index, item in todo:
            results[index] = await fn(item)

    async with asyncio.TaskGroup() as group:
        for _ in range(min(limit, len(items))):
            group.create_task(worker())
    return results
