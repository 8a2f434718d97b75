# expect: return the exception object itself in its place
# expect-ru: верните на его месте сам объект исключения
import asyncio


async def fetch_all_safe(jobs):
    async def safely(job):
        try:
            return await job()
        except Exception:
            return None  # the caller never learns what went wrong

    return await asyncio.gather(*(safely(job) for job in jobs))
