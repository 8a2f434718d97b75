# Run several jobs at once. `run_all` gets a list of zero-argument async functions ("jobs"): start
# them all so they wait concurrently, and return their results as a list, in the same order as `jobs`.
# Lesson 1: The event loop (`tutor lesson 1`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

Job = Callable[[], Awaitable[Any]]


async def run_all(jobs: list[Job]) -> list[Any]:
    """Run every job concurrently; return their results in the order of `jobs`."""
    raise NotImplementedError("start every job at once, then return their results in order")


if __name__ == "__main__":

    async def slow() -> str:
        await asyncio.sleep(0.3)
        return "slow"

    async def fast() -> str:
        await asyncio.sleep(0.1)
        return "fast"

    print(asyncio.run(run_all([slow, fast])))  # ['slow', 'fast'] after about 0.3 s
