# expect: without running `greet`
# expect-ru: так и не запустив `greet`
import asyncio


async def greet(name: str, delay: float = 0.1) -> str:
    await asyncio.sleep(delay)
    return f"Hello, {name}!"


def run_greet(name: str) -> str:
    return f"Hello, {name}!"
