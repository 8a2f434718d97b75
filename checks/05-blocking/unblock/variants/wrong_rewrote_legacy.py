# expect: without calling `legacy_report`
# expect-ru: не вызвав `legacy_report`
import asyncio


def legacy_report(n: int) -> str:
    return f"report {n}"


async def fetch_report(n: int) -> str:
    await asyncio.sleep(0.3)  # "faster" by not calling the library at all
    return f"report {n}"


async def fetch_reports(numbers: list[int]) -> list[str]:
    return await asyncio.gather(*(fetch_report(n) for n in numbers))
