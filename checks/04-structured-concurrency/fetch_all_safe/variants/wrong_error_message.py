# expect: not its message
import asyncio


async def fetch_all_safe(jobs):
    async def safely(job):
        try:
            return await job()
        except Exception as exc:
            return str(exc)

    return await asyncio.gather(*(safely(job) for job in jobs))
