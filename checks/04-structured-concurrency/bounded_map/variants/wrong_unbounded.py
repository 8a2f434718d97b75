# expect: all 10 calls ran at the same time
import asyncio


async def bounded_map(fn, items, limit):
    return await asyncio.gather(*(fn(item) for item in items))
