# expect: before the save had finished
# expect-ru: до того, как сохранение завершилось
import asyncio

pending_saves = set()


async def save_profile(save, profile):
    task = asyncio.create_task(save(profile))
    pending_saves.add(task)
    task.add_done_callback(pending_saves.discard)
    asyncio.shield(task)  # makes a Future, waits for nothing
    return "saved"
