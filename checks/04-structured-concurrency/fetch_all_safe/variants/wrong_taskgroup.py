# expect: a TaskGroup is all-or-nothing
# expect-ru: работает по принципу «всё или ничего»
import asyncio


async def fetch_all_safe(jobs):
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(job()) for job in jobs]
    return [task.result() for task in tasks]
