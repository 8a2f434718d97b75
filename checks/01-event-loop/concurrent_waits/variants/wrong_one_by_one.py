# expect: ran one at a time
# expect-ru: Задания выполнялись по одному
async def run_all(jobs):
    results = []
    for job in jobs:
        results.append(await job())
    return results
