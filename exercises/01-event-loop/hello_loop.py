# Write your first coroutine. `greet` waits `delay` seconds without blocking the event loop, then
# returns "Hello, <name>!". `run_greet` is plain synchronous code: it runs `greet` on an event loop
# with `asyncio.run` and returns the greeting.
# Lesson 1: The event loop (`tutor lesson 1`)

import asyncio


async def greet(name: str, delay: float = 0.1) -> str:
    """Wait `delay` seconds without blocking, then return a greeting for `name`."""
    raise NotImplementedError("wait `delay` seconds without blocking, then return the greeting")


def run_greet(name: str) -> str:
    """Run `greet(name)` from synchronous code and return its result."""
    raise NotImplementedError("run `greet(name)` with `asyncio.run` and return what it gives back")


if __name__ == "__main__":
    print(run_greet("world"))
    print(asyncio.run(greet("event loop", delay=0.5)))
