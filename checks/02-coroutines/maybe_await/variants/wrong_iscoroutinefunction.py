# expect: only `inspect.isawaitable` covers them all
# expect-ru: все случаи охватывает только `inspect.isawaitable`
import inspect


async def call_hook(hook, *args):
    if inspect.iscoroutinefunction(hook):  # asks about the hook, not about what it returned
        return await hook(*args)
    return hook(*args)


async def run_pipeline(hooks, value):
    for hook in hooks:
        value = await call_hook(hook, value)
    return value
