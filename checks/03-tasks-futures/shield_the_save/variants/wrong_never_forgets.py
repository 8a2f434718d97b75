# expect: add_done_callback(pending_saves.discard)
# expect-ru: всё ещё осталось задач
import asyncio

pending_saves = set()


async def save_profile(save, profile):
    task = asyncio.create_task(save(profile))
    pending_saves.add(task)  # kept forever
    await asyncio.shield(task)
    return "saved"
