# expect: list of 3 coroutine objects
# expect-ru: список из 3 объектов корутин
async def run_all(jobs):
    return [job() for job in jobs]
