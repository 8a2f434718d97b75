# expect: before starting the work
# expect-ru: и только потом начал работу
import asyncio

background_tasks = set()


async def with_prefetch(fetch, work):
    task = asyncio.create_task(fetch())
    fetched = await task  # waits for the whole fetch right here
    worked = await work()
    return worked, fetched


def spawn(job):
    task = asyncio.create_task(job())
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
    return task
