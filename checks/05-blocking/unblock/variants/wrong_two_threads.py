# expect: smaller than the number of calls
# expect-ru: меньше, чем число вызовов
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

POOL = ThreadPoolExecutor(max_workers=2)


def legacy_report(n: int) -> str:
    time.sleep(0.3)
    return f"report {n}"


async def fetch_report(n: int) -> str:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(POOL, legacy_report, n)


async def fetch_reports(numbers: list[int]) -> list[str]:
    return await asyncio.gather(*(fetch_report(n) for n in numbers))
