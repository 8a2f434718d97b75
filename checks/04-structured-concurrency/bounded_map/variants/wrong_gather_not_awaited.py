# expect: forget `await` before `asyncio.gather(...)`
# expect-ru: вы забыли `await` перед `asyncio.gather(...)`
import asyncio


async def bounded_map(fn, items, limit):
    slots = asyncio.Semaphore(limit)

    async def call(item):
        async with slots:
            return await fn(item)

    return asyncio.gather(*(call(item) for item in items))
