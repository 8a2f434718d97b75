# expect: Only a timeout means None
# expect-ru: None означает только тайм-аут
import asyncio


async def with_deadline(job, seconds):
    try:
        async with asyncio.timeout(seconds):
            return await job()
    except Exception:  # catches TimeoutError, but also every bug in the job
        return None
