# expect: Do not tell awaitables apart with `try: await ... except TypeError:`
# expect-ru: Не отличайте awaitable-объекты с помощью `try: await ... except TypeError:`
async def call_hook(hook, *args):
    result = hook(*args)
    try:
        return await result
    except TypeError:  # meant for "not awaitable", but also catches the hook's own TypeErrors
        return result


async def run_pipeline(hooks, value):
    for hook in hooks:
        value = await call_hook(hook, value)
    return value
