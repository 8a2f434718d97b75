# expect: ran one at a time
# expect-ru: выполнялись по одному
async def fetch_all_safe(jobs):
    results = []
    for job in jobs:
        try:
            results.append(await job())
        except Exception as exc:
            results.append(exc)
    return results
