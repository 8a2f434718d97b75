# Call hooks of every kind. A hook may be a plain function, an `async def` function, or a plain function
# that returns an awaitable (a Future, a Task, any object with `__await__`). `call_hook(hook, *args)`
# calls the hook once; if what it returned is awaitable, it awaits it and returns that result, otherwise
# it returns the value as it is. `run_pipeline(hooks, value)` passes `value` through the hooks in order,
# each one getting the previous one's result, and returns the last result.
# Lesson 2: Coroutines and await (`tutor lesson 2`)

import asyncio
import inspect
from collections.abc import Callable
from typing import Any


async def call_hook(hook: Callable[..., Any], *args: Any) -> Any:
    """Call `hook(*args)` once; await what it returned if that is awaitable."""
    # Test the result, not the hook: a plain `def` can return a Future or a coroutine too, and
    # inspect.isawaitable covers coroutines, Tasks, Futures and any object with `__await__`.
    result = hook(*args)
    if inspect.isawaitable(result):
        return await result
    return result


async def run_pipeline(hooks: list[Callable[[Any], Any]], value: Any) -> Any:
    """Feed `value` to the first hook, its result to the next one, and so on; return the last result."""
    for hook in hooks:
        value = await call_hook(hook, value)
    return value


if __name__ == "__main__":

    def strip(text: str) -> str:
        return text.strip()

    async def shout(text: str) -> str:
        await asyncio.sleep(0.1)
        return text.upper() + "!"

    def later(text: str) -> asyncio.Future[str]:
        future = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().call_later(0.1, future.set_result, f"<{text}>")
        return future

    print(asyncio.run(run_pipeline([strip, shout, later], "  hello ")))  # <HELLO!>
