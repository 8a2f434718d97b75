# expect: Did you forget `await task`?
# expect-ru: Может быть, вы забыли `await task`?
import asyncio

background_tasks = set()


async def with_prefetch(fetch, work):
    task = asyncio.create_task(fetch())
    worked = await work()
    return worked, task


def spawn(job):
    task = asyncio.create_task(job())
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
    return task
