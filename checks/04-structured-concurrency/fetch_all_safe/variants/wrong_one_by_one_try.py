# expect: ran one at a time
async def fetch_all_safe(jobs):
    results = []
    for job in jobs:
        try:
            results.append(await job())
        except Exception as exc:
            results.append(exc)
    return results
