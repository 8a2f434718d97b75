# Another correct answer: the event loop's own clock (loop.time()) and a TaskGroup.
import asyncio
from dataclasses import dataclass


@dataclass
class Timing:
    sequential: float
    concurrent: float


async def compare(jobs):
    loop = asyncio.get_running_loop()
    started = loop.time()
    for job in jobs:
        await job()
    middle = loop.time()
    async with asyncio.TaskGroup() as group:
        for job in jobs:
            group.create_task(job())
    finished = loop.time()
    return Timing(concurrent=finished - middle, sequential=middle - started)
