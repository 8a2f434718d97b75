# expect: gave back a Task object instead of its result
# expect-ru: возвращает объект Task вместо результата
import inspect


async def call_hook(hook, *args):
    result = hook(*args)
    if inspect.iscoroutine(result):  # a Future or a Task is awaitable, but not a coroutine
        return await result
    return result


async def run_pipeline(hooks, value):
    for hook in hooks:
        value = await call_hook(hook, value)
    return value
