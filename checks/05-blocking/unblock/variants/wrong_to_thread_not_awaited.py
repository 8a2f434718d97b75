# expect: Did you forget `await`?
# expect-ru: Может быть, вы забыли `await`?
import asyncio
import time


def legacy_report(n: int) -> str:
    time.sleep(0.3)
    return f"report {n}"


async def fetch_report(n: int) -> str:
    return asyncio.to_thread(legacy_report, n)


async def fetch_reports(numbers: list[int]) -> list[str]:
    return await asyncio.gather(*(fetch_report(n) for n in numbers))
