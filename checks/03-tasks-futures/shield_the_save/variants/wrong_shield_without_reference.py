# expect: a shield does not keep the task alive for you
# expect-ru: `asyncio.shield` сам по себе не уберегает задачу от удаления
import asyncio

pending_saves = set()


async def save_profile(save, profile):
    await asyncio.shield(save(profile))  # the task shield makes is referenced by nobody once we give up
    return "saved"
