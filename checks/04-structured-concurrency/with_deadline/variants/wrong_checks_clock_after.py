# expect: must interrupt the job
import time


async def with_deadline(job, seconds):
    start = time.perf_counter()
    result = await job()
    if time.perf_counter() - start > seconds:
        return None
    return result
