# Another correct answer: a thread pool of our own, wide enough for the calls, via wrap_future.
import asyncio
import functools
import time
from concurrent.futures import ThreadPoolExecutor

POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="legacy")


def legacy_report(n: int) -> str:
    time.sleep(0.3)
    return f"report {n}"


async def fetch_report(n: int) -> str:
    call = functools.partial(legacy_report, n)
    return await asyncio.wrap_future(POOL.submit(call))


async def fetch_reports(numbers):
    tasks = [asyncio.create_task(fetch_report(n)) for n in numbers]
    return [await task for task in tasks]
