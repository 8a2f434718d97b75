# Another correct answer: asyncio.ensure_future accepts any awaitable (coroutine, Future, Task, `__await__`)
# and gives back a Future to await; a pipeline written with a while loop.
import asyncio
import inspect


async def call_hook(hook, *args):
    outcome = hook(*args)
    return await asyncio.ensure_future(outcome) if inspect.isawaitable(outcome) else outcome


async def run_pipeline(hooks, value):
    remaining = list(hooks)
    while remaining:
        value = await call_hook(remaining.pop(0), value)
    return value
