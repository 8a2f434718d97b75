# Another correct answer: loop.run_in_executor with the default executor, and a TaskGroup.
import asyncio
import time


def legacy_report(n: int) -> str:
    time.sleep(0.3)
    return f"report {n}"


async def fetch_report(n: int) -> str:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, legacy_report, n)


async def fetch_reports(numbers: list[int]) -> list[str]:
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch_report(n)) for n in numbers]
    return [task.result() for task in tasks]
