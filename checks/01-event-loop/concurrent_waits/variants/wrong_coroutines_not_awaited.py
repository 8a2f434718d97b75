# expect: list of 3 coroutine objects
async def run_all(jobs):
    return [job() for job in jobs]
