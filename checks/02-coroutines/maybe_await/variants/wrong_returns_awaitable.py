# expect: gave back a coroutine object instead of its result
# expect-ru: возвращает объект корутины вместо результата
import inspect


async def call_hook(hook, *args):
    result = hook(*args)
    if inspect.isawaitable(result):
        return result  # handed back, never awaited
    return result


async def run_pipeline(hooks, value):
    for hook in hooks:
        value = await call_hook(hook, value)
    return value
