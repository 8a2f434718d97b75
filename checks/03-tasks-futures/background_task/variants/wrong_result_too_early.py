# expect: before the task had finished
# expect-ru: до того, как она завершилась
import asyncio

background_tasks = set()


async def with_prefetch(fetch, work):
    task = asyncio.create_task(fetch())
    worked = await work()
    return worked, task.result()  # does not wait for the fetch


def spawn(job):
    task = asyncio.create_task(job())
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
    return task
