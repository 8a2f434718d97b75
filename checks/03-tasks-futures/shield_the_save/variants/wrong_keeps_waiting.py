# expect: kept waiting for the save
# expect-ru: продолжила ждать сохранения
import asyncio

pending_saves = set()


async def save_profile(save, profile):
    task = asyncio.create_task(save(profile))
    pending_saves.add(task)
    task.add_done_callback(pending_saves.discard)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await task  # "finish the job first": the caller that gave up is kept waiting
    return "saved"
