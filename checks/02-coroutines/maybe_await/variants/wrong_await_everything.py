# expect: only awaitables can be awaited
# expect-ru: ждать через `await` можно только awaitable-объекты
async def call_hook(hook, *args):
    return await hook(*args)


async def run_pipeline(hooks, value):
    for hook in hooks:
        value = await call_hook(hook, value)
    return value
