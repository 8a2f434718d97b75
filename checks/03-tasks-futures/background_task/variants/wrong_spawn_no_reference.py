# expect: garbage-collected
# expect-ru: удалил сборщик мусора
import asyncio

background_tasks = set()


async def with_prefetch(fetch, work):
    task = asyncio.create_task(fetch())
    worked = await work()
    return worked, await task


def spawn(job):
    asyncio.create_task(job())  # noqa: RUF006 (the mistake: nobody keeps the task)
