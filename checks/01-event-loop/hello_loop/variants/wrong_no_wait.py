# expect: it should wait `delay` seconds
# expect-ru: должна ждать `delay` секунд
import asyncio


async def greet(name: str, delay: float = 0.1) -> str:
    return f"Hello, {name}!"


def run_greet(name: str) -> str:
    return asyncio.run(greet(name))
