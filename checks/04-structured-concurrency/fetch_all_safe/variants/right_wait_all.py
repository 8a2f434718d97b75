# Another correct answer: start a task per job, wait for all of them with asyncio.wait, then read
# each task's exception or result in the order the tasks were created.
import asyncio


async def fetch_all_safe(jobs):
    tasks = [asyncio.create_task(job()) for job in jobs]
    if tasks:
        await asyncio.wait(tasks)  # returns when every task is done; never raises their errors
    results = []
    for task in tasks:
        error = task.exception()
        results.append(error if error is not None else task.result())
    return results
