# expect: returned a coroutine object
# expect-ru: вернула объект корутины
import asyncio


async def greet(name: str, delay: float = 0.1) -> str:
    await asyncio.sleep(delay)
    return f"Hello, {name}!"


def run_greet(name: str) -> str:
    return greet(name)
