# expect: never stopped the job
# expect-ru: но так его и не остановил
import asyncio


async def with_deadline(job, seconds):
    try:
        return await asyncio.wait_for(asyncio.shield(job()), seconds)
    except TimeoutError:
        return None
