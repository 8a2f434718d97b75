# expect: passed the cancellation on to the save
# expect-ru: передала отмену сохранению
import asyncio

pending_saves = set()


async def save_profile(save, profile):
    task = asyncio.create_task(save(profile))
    pending_saves.add(task)
    task.add_done_callback(pending_saves.discard)
    await task  # cancelling the caller cancels the task it awaits
    return "saved"
