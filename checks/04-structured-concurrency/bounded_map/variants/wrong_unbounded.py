# expect: all 10 calls ran at the same time
# expect-ru: все вызовы (всего 10) выполнялись одновременно
import asyncio


async def bounded_map(fn, items, limit):
    return await asyncio.gather(*(fn(item) for item in items))
