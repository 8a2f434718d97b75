# expect: ran one at a time
# expect-ru: выполнялись по одному
import asyncio
import time


def legacy_report(n: int) -> str:
    time.sleep(0.3)
    return f"report {n}"


async def fetch_report(n: int) -> str:
    return await asyncio.to_thread(legacy_report, n)


async def fetch_reports(numbers: list[int]) -> list[str]:
    reports = []
    for n in numbers:
        reports.append(await fetch_report(n))  # each thread call finishes before the next starts
    return reports
