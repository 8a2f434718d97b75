# Protect a save from an impatient caller. `save_profile(save, profile)` runs `save(profile)` in a task,
# waits for it through `asyncio.shield`, then returns "saved". If the caller gives up (its await is
# cancelled, by a timeout for example), the caller is cancelled at once but the save still finishes.
# Keep each save's task in `pending_saves` until it is done: the loop holds tasks only weakly.
# Lesson 3: Tasks and futures (`tutor lesson 3`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

Save = Callable[[dict[str, Any]], Awaitable[Any]]

# Saves that are still running, even if whoever started them has stopped waiting.
pending_saves: set[asyncio.Task[Any]] = set()


async def save_profile(save: Save, profile: dict[str, Any]) -> str:
    """Save `profile` in a task the caller's cancellation cannot reach; return "saved"."""
    task = asyncio.create_task(save(profile))
    pending_saves.add(task)  # a strong reference, until...
    task.add_done_callback(pending_saves.discard)  # ...the save is done
    # If we are cancelled here, the CancelledError reaches us (and our caller), but not the task.
    await asyncio.shield(task)
    return "saved"


if __name__ == "__main__":

    async def slow_save(profile: dict[str, Any]) -> None:
        print("saving", profile)
        await asyncio.sleep(0.5)
        print("saved", profile)

    async def main() -> None:
        try:
            async with asyncio.timeout(0.1):
                print(await save_profile(slow_save, {"name": "Ada"}))
        except TimeoutError:
            print("the caller gave up after 0.1 s; saves still running:", len(pending_saves))
        await asyncio.sleep(0.6)  # keep the loop running: the save finishes
        print("saves still running:", len(pending_saves))

    asyncio.run(main())
