# Write your first coroutine. `greet` waits `delay` seconds without blocking the event loop, then
# returns "Hello, <name>!". `run_greet` is plain synchronous code: it runs `greet` on an event loop
# with `asyncio.run` and returns the greeting.
# Lesson 1: The event loop (`tutor lesson 1`)

import asyncio


async def greet(name: str, delay: float = 0.1) -> str:
    """Wait `delay` seconds without blocking, then return a greeting for `name`."""
    # `await` hands control back to the event loop; other coroutines run while we wait.
    await asyncio.sleep(delay)
    return f"Hello, {name}!"


def run_greet(name: str) -> str:
    """Run `greet(name)` from synchronous code and return its result."""
    # asyncio.run creates an event loop, runs the coroutine to the end, then closes the loop.
    return asyncio.run(greet(name))


if __name__ == "__main__":
    print(run_greet("world"))
    print(asyncio.run(greet("event loop", delay=0.5)))
