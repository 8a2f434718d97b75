# expect: bound to a different event loop
# expect-ru: привязывается к первому событийному циклу
import asyncio

SLOTS = asyncio.Semaphore(3)  # one for the whole program... and for one event loop only


async def bounded_map(fn, items, limit):
    async def call(item):
        async with SLOTS:
            return await fn(item)

    return await asyncio.gather(*(call(item) for item in items))
