# expect: ran on the event loop's own thread
# expect-ru: выполнилась в собственном потоке событийного цикла
import asyncio
import time


def legacy_report(n: int) -> str:
    time.sleep(0.3)
    return f"report {n}"


async def fetch_report(n: int) -> str:
    return legacy_report(n)  # async def does not make a blocking call non-blocking


async def fetch_reports(numbers: list[int]) -> list[str]:
    return await asyncio.gather(*(fetch_report(n) for n in numbers))
