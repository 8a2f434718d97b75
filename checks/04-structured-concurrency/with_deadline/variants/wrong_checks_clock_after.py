# expect: must interrupt the job
# expect-ru: Дедлайн должен прерывать задание
import time


async def with_deadline(job, seconds):
    start = time.perf_counter()
    result = await job()
    if time.perf_counter() - start > seconds:
        return None
    return result
