# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time


async def bounded_map(fn, items, limit):
    time.sleep(0.3)  # give the API's rate-limit window time to reset (this freezes the event loop)
    slots = asyncio.Semaphore(limit)

    async def call(item):
        async with slots:
            return await fn(item)

    return await asyncio.gather(*(call(item) for item in items))
