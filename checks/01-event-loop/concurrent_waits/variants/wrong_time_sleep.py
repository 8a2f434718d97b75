# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time


async def run_all(jobs):
    tasks = []
    for job in jobs:
        tasks.append(asyncio.create_task(job()))
        time.sleep(0.1)  # "give each job a moment to start" (blocks the whole loop)
    return await asyncio.gather(*tasks)
