# expect: Did you forget `await`
# expect-ru: Может быть, вы забыли `await`
import asyncio


async def with_deadline(job, seconds):
    try:
        async with asyncio.timeout(seconds):
            return job()  # creates the coroutine, but nothing runs it
    except TimeoutError:
        return None
