# expect: a coroutine does not start until it is awaited
# expect-ru: корутина не начинает работу, пока её не дождутся
async def run_all(jobs):
    coroutines = [job() for job in jobs]  # creating them does not start them
    return [await coroutine for coroutine in coroutines]
