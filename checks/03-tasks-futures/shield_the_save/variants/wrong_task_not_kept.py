# expect: garbage-collected while it was still waiting
# expect-ru: удалил сборщик мусора, пока она ещё ждала
import asyncio

pending_saves = set()


async def save_profile(save, profile):
    task = asyncio.create_task(save(profile))  # only this local variable refers to the task
    await asyncio.shield(task)
    return "saved"
