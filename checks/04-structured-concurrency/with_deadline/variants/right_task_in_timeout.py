# Another correct answer: a task awaited inside asyncio.timeout. Cancelling the code that awaits a
# task cancels that task too, and the timeout waits until it is done.
import asyncio


async def with_deadline(job, seconds):
    task = asyncio.create_task(job())
    try:
        async with asyncio.timeout(seconds):
            return await task
    except TimeoutError:
        return None
