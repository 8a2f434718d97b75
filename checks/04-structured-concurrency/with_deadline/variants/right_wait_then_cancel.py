# Another correct answer, by hand: wait with a timeout, then cancel the task and wait for it to stop.
import asyncio


async def with_deadline(job, seconds):
    task = asyncio.create_task(job())
    done, _ = await asyncio.wait([task], timeout=seconds)
    if task in done:
        return task.result()  # raises the job's own exception, if it failed
    task.cancel()
    await asyncio.wait([task])  # let it finish cancelling (its finally blocks run) before returning
    return None
