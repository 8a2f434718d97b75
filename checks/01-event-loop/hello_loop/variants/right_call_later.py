# Another correct answer: wait on a Future that a timer on the event loop resolves after `delay`.
import asyncio


async def greet(name: str, delay: float = 0.1) -> str:
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()
    loop.call_later(delay, done.set_result, None)
    await done
    return "Hello, " + name + "!"


def run_greet(name: str) -> str:
    greeting = asyncio.run(greet(name, delay=0.01))
    return greeting
