# Another correct answer: asyncio.wait_for, which cancels the job on timeout and waits until it has
# stopped. Since Python 3.11, asyncio.TimeoutError is the built-in TimeoutError.
import asyncio


async def with_deadline(job, seconds):
    try:
        return await asyncio.wait_for(job(), timeout=seconds)
    except asyncio.TimeoutError:  # noqa: UP041 (the same class as TimeoutError since 3.11)
        return None
