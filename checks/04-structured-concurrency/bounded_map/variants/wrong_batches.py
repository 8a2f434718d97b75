# expect: Processing in batches
# expect-ru: Обработка пачками
import asyncio


async def bounded_map(fn, items, limit):
    results = []
    for start in range(0, len(items), limit):
        batch = items[start : start + limit]
        results.extend(await asyncio.gather(*(fn(item) for item in batch)))
    return results
