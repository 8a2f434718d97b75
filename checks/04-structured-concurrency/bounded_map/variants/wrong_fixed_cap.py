# expect: Is the cap a fixed number instead of `limit`
# expect-ru: предел задан фиксированным числом вместо `limit`
import asyncio


async def bounded_map(fn, items, limit):
    slots = asyncio.Semaphore(3)  # the API allows 3... but the caller said `limit`

    async def call(item):
        async with slots:
            return await fn(item)

    return await asyncio.gather(*(call(item) for item in items))
