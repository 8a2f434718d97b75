# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time


async def with_deadline(job, seconds):
    task = asyncio.create_task(job())
    time.sleep(seconds)  # "give it `seconds` to finish": blocks the loop, so the job cannot run
    if task.done():
        return task.result()
    task.cancel()
    await asyncio.wait([task])
    return None
