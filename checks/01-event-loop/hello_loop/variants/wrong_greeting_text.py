# expect: expected 'Hello, Ada!'
# expect-ru: ожидалось 'Hello, Ada!'
import asyncio


async def greet(name: str, delay: float = 0.1) -> str:
    await asyncio.sleep(delay)
    return f"Hello {name}"


def run_greet(name: str) -> str:
    return asyncio.run(greet(name))
