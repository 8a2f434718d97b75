# expect: never stopped the job
# expect-ru: но так его и не остановил
import asyncio


async def with_deadline(job, seconds):
    task = asyncio.create_task(job())
    _, pending = await asyncio.wait([task], timeout=seconds)
    if pending:
        return None  # stopped waiting... but the job is still running
    return task.result()
