# expect: returns a Future at once
# expect-ru: сразу возвращает фьючерс
import asyncio
import time


def legacy_report(n: int) -> str:
    time.sleep(0.3)
    return f"report {n}"


async def fetch_report(n: int) -> str:
    loop = asyncio.get_running_loop()
    return loop.run_in_executor(None, legacy_report, n)


async def fetch_reports(numbers: list[int]) -> list[str]:
    return await asyncio.gather(*(fetch_report(n) for n in numbers))
