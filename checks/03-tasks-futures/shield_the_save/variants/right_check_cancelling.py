# Another correct answer: catch the CancelledError only to log it, then re-raise it.
import asyncio

pending_saves = set()


async def save_profile(save, profile):
    task = asyncio.create_task(save(profile))
    pending_saves.add(task)
    task.add_done_callback(pending_saves.discard)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        print("caller gave up; the save goes on in the background")
        raise
    return "saved"
