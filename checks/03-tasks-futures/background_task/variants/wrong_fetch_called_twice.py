# expect: called `fetch()` 2 times
# expect-ru: вызвала `fetch()` 2 раза
import asyncio

background_tasks = set()


async def with_prefetch(fetch, work):
    asyncio.create_task(fetch())  # noqa: RUF006 (the mistake: started, then forgotten)
    worked = await work()
    fetched = await fetch()  # and the fetch runs a second time
    return worked, fetched


def spawn(job):
    task = asyncio.create_task(job())
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
    return task
