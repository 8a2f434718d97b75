# expect: wrapping it in a task does not change that
# expect-ru: обёртка в задачу этого не меняет
import asyncio
import time


def legacy_report(n: int) -> str:
    time.sleep(0.3)
    return f"report {n}"


async def _call(n: int) -> str:
    return legacy_report(n)


async def fetch_report(n: int) -> str:
    # "Run it in the background": a task still runs on the event loop's thread.
    return await asyncio.create_task(_call(n))


async def fetch_reports(numbers: list[int]) -> list[str]:
    return await asyncio.gather(*(fetch_report(n) for n in numbers))
