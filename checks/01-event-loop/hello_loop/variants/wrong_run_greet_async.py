# expect: must be a plain function
# expect-ru: должна быть обычной
import asyncio


async def greet(name: str, delay: float = 0.1) -> str:
    await asyncio.sleep(delay)
    return f"Hello, {name}!"


async def run_greet(name: str) -> str:
    return await greet(name)
