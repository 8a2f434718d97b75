# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time


async def greet(name: str, delay: float = 0.1) -> str:
    time.sleep(delay)
    return f"Hello, {name}!"


def run_greet(name: str) -> str:
    return asyncio.run(greet(name))
