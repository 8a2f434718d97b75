# Another correct answer: a small helper keeps background tasks; ensure_future starts the save.
import asyncio

pending_saves = set()


def _keep(task):
    pending_saves.add(task)
    task.add_done_callback(lambda done: pending_saves.discard(done))
    return task


async def save_profile(save, profile):
    shielded = asyncio.shield(_keep(asyncio.ensure_future(save(profile))))
    await shielded
    return "saved"
