# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time

background_tasks = set()


async def with_prefetch(fetch, work):
    task = asyncio.create_task(fetch())
    time.sleep(0.3)  # "give the fetch a head start" (it cannot start: the loop is frozen)
    worked = await work()
    return worked, await task


def spawn(job):
    task = asyncio.create_task(job())
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
    return task
