# expect: never awaited
# expect-ru: не дождались результата через `await`
import asyncio


async def greet(name: str, delay: float = 0.1) -> str:
    asyncio.sleep(delay)
    return f"Hello, {name}!"


def run_greet(name: str) -> str:
    return asyncio.run(greet(name))
