# expect: had not started while `work()` ran
# expect-ru: `fetch()` ещё не запустилась
import asyncio

background_tasks = set()


async def with_prefetch(fetch, work):
    worked = await work()
    task = asyncio.create_task(fetch())
    return worked, await task


def spawn(job):
    task = asyncio.create_task(job())
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
    return task
