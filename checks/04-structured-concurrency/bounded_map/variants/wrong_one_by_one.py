# expect: the calls ran one at a time
# expect-ru: вызовы выполнялись по одному
async def bounded_map(fn, items, limit):
    return [await fn(item) for item in items]
