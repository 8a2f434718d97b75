# Build a loop-lag monitor. `measure_lag(work, interval)` runs `await work()` while a heartbeat task
# ticks in the background: it sleeps `interval` seconds again and again, and notes how late each tick
# woke up. Return the worst lateness in seconds (0.0 if no tick was late). Stop the heartbeat before
# returning, even when `work()` raises. Run `python loop_lag.py` to measure a polite and a rude coroutine.
# Lesson 5: Blocking vs non-blocking (`tutor lesson 5`)

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

Work = Callable[[], Awaitable[Any]]


async def measure_lag(work: Work, interval: float = 0.01) -> float:
    """Run `await work()` while a heartbeat ticks every `interval` s; return the worst tick lateness in s."""
    loop = asyncio.get_running_loop()
    worst = 0.0

    async def heartbeat() -> None:
        nonlocal worst
        while True:
            before = loop.time()
            await asyncio.sleep(interval)  # polite: the loop runs `work` meanwhile
            # A tick can only wake up when the loop is free: any extra delay is time the loop
            # spent stuck in someone else's code.
            worst = max(worst, loop.time() - before - interval)

    beat = asyncio.create_task(heartbeat())  # runs alongside work, from work's first await on
    try:
        await work()
    finally:
        beat.cancel()  # it would tick forever otherwise
        try:
            await beat
        except asyncio.CancelledError:
            pass  # it stopped, as asked
    return worst


if __name__ == "__main__":

    async def polite() -> None:
        await asyncio.sleep(0.3)

    async def rude() -> None:
        await asyncio.sleep(0.05)
        time.sleep(0.3)  # blocks the event loop
        await asyncio.sleep(0.05)

    for work in (polite, rude):
        lag = asyncio.run(measure_lag(work))
        print(f"{work.__name__:<7} worst loop lag: {lag * 1000:.0f} ms")  # about 0 ms, then about 300 ms
