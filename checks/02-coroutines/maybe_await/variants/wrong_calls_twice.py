# expect: called the hook 2 times
# expect-ru: вызывает хук 2 раза
import inspect


async def call_hook(hook, *args):
    if inspect.isawaitable(hook(*args)):  # this call's result is thrown away
        return await hook(*args)
    return hook(*args)


async def run_pipeline(hooks, value):
    for hook in hooks:
        value = await call_hook(hook, value)
    return value
