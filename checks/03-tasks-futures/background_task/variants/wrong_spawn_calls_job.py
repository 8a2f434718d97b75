# expect: never awaited
# expect-ru: так никто и не выполнил
import asyncio

background_tasks = set()


async def with_prefetch(fetch, work):
    task = asyncio.create_task(fetch())
    worked = await work()
    return worked, await task


def spawn(job):
    job()  # only creates a coroutine: nothing runs it
