# expect: swallowed the cancellation
# expect-ru: проглотила отмену
import asyncio

pending_saves = set()


async def save_profile(save, profile):
    task = asyncio.create_task(save(profile))
    pending_saves.add(task)
    task.add_done_callback(pending_saves.discard)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        return "saving in the background"  # the caller never learns it was cancelled
    return "saved"
