# Another correct answer: an awaitable is an object whose type has `__await__` (true of coroutines,
# Futures and Tasks too).
async def call_hook(hook, *args):
    result = hook(*args)
    if hasattr(type(result), "__await__"):
        result = await result
    return result


async def run_pipeline(hooks, value):
    result = value
    for hook in hooks:
        result = await call_hook(hook, result)
    return result
