# expect: add_done_callback(background_tasks.discard)
# expect-ru: всё ещё осталось задач
import asyncio

background_tasks = set()


async def with_prefetch(fetch, work):
    task = asyncio.create_task(fetch())
    worked = await work()
    return worked, await task


def spawn(job):
    task = asyncio.create_task(job())
    background_tasks.add(task)  # kept forever: the set only grows
    return task
