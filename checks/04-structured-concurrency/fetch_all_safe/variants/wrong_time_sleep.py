# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time


async def fetch_all_safe(jobs):
    tasks = [asyncio.create_task(job()) for job in jobs]
    time.sleep(0.3)  # "give the jobs time to run": it blocks the loop, so none of them can
    return await asyncio.gather(*tasks, return_exceptions=True)
