# expect: getting the previous hook's result
# expect-ru: каждый получает результат предыдущего
import inspect


async def call_hook(hook, *args):
    result = hook(*args)
    if inspect.isawaitable(result):
        return await result
    return result


async def run_pipeline(hooks, value):
    result = value
    for hook in hooks:
        result = await call_hook(hook, value)  # every hook gets the original value
    return result
