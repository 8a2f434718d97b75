# expect: the calls ran one at a time
async def bounded_map(fn, items, limit):
    return [await fn(item) for item in items]
