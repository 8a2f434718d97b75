# Start work in the background with `asyncio.create_task`. `with_prefetch` starts `fetch()` as a task,
# awaits `work()` while the fetch runs, then awaits the task and returns (work result, fetch result).
# `spawn` starts `job()` as a task that nobody awaits ("fire and forget"): keep each such task in
# `background_tasks` while it runs, and take it out again when it is done.
# Lesson 3: Tasks and futures (`tutor lesson 3`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

Job = Callable[[], Awaitable[Any]]

# The tasks started by `spawn` that have not finished yet.
background_tasks: set[asyncio.Task[Any]] = set()


async def with_prefetch(fetch: Job, work: Job) -> tuple[Any, Any]:
    """Run `fetch()` in the background while awaiting `work()`; return (work result, fetch result)."""
    raise NotImplementedError("start fetch() as a task, await work(), then await the task")


def spawn(job: Job) -> asyncio.Task[Any]:
    """Start `job()` in the background and return its task; keep it in `background_tasks` until done."""
    raise NotImplementedError("create the task, add it to background_tasks, remove it when it is done")


if __name__ == "__main__":

    async def fetch() -> str:
        print("fetch: started")
        await asyncio.sleep(0.3)
        print("fetch: done")
        return "data"

    async def work() -> str:
        print("work: started")
        await asyncio.sleep(0.2)
        print("work: done")
        return "work"

    async def main() -> None:
        print(await with_prefetch(fetch, work))  # ('work', 'data') after about 0.3 s, not 0.5 s
        spawn(fetch)
        print("spawned; tasks in the background:", len(background_tasks))
        await asyncio.sleep(0.4)
        print("later; tasks in the background:", len(background_tasks))

    asyncio.run(main())
