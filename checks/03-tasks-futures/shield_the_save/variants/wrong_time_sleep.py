# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time

pending_saves = set()


async def save_profile(save, profile):
    task = asyncio.create_task(save(profile))
    pending_saves.add(task)
    task.add_done_callback(pending_saves.discard)
    time.sleep(0.3)  # "give the database a moment": it cannot even start, the loop is frozen
    await asyncio.shield(task)
    return "saved"
