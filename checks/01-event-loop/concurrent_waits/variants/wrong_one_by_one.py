# expect: ran one at a time
async def run_all(jobs):
    results = []
    for job in jobs:
        results.append(await job())
    return results
