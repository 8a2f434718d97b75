# Another correct answer: gather runs both at once; spawn keeps its tasks in a list and returns nothing.
import asyncio

background_tasks = []


async def with_prefetch(fetch, work):
    worked, fetched = await asyncio.gather(work(), fetch())
    return worked, fetched


def spawn(job) -> None:
    loop = asyncio.get_running_loop()
    task = loop.create_task(job())
    background_tasks.append(task)
    task.add_done_callback(background_tasks.remove)
