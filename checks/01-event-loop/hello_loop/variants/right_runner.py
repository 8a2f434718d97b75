# Another correct answer: asyncio.Runner (Python 3.11+) instead of asyncio.run.
import asyncio


async def greet(name: str, delay: float = 0.1) -> str:
    await asyncio.sleep(delay)
    return f"Hello, {name}!"


def run_greet(name: str) -> str:
    with asyncio.Runner() as runner:
        return runner.run(greet(name))
