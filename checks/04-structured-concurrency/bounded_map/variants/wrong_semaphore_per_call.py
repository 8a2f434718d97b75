# expect: created for each call gives every call its own free slot
# expect-ru: созданный для каждого вызова, даёт каждому вызову собственный свободный слот
import asyncio


async def bounded_map(fn, items, limit):
    async def call(item):
        async with asyncio.Semaphore(limit):  # a new semaphore every time: nobody ever waits
            return await fn(item)

    return await asyncio.gather(*(call(item) for item in items))
