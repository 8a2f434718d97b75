# expect: not its message
# expect-ru: а не его сообщение
import asyncio


async def fetch_all_safe(jobs):
    async def safely(job):
        try:
            return await job()
        except Exception as exc:
            return str(exc)

    return await asyncio.gather(*(safely(job) for job in jobs))
