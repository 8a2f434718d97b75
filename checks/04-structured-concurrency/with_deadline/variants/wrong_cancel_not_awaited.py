# expect: returned before the job had stopped
# expect-ru: вернул управление раньше, чем оно остановилось
import asyncio


async def with_deadline(job, seconds):
    task = asyncio.create_task(job())
    _, pending = await asyncio.wait([task], timeout=seconds)
    if pending:
        task.cancel()  # only a request: the job has not stopped yet
        return None
    return task.result()
