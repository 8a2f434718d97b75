# expect: getting the previous hook's result
# expect-ru: каждый получает результат предыдущего
import asyncio
import inspect


async def call_hook(hook, *args):
    result = hook(*args)
    if inspect.isawaitable(result):
        return await result
    return result


async def run_pipeline(hooks, value):
    # "faster": all at once. But each hook needs the previous one's result.
    results = await asyncio.gather(*(call_hook(hook, value) for hook in hooks))
    return results[-1] if results else value
