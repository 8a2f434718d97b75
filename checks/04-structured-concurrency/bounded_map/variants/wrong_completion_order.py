# expect: in the order the calls finished
# expect-ru: в порядке завершения вызовов
import asyncio


async def bounded_map(fn, items, limit):
    slots = asyncio.Semaphore(limit)

    async def call(item):
        async with slots:
            return await fn(item)

    return [await next_done for next_done in asyncio.as_completed([call(item) for item in items])]
