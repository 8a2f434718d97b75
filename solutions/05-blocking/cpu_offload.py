# `count_primes` is pure-Python number crunching: CPU-bound. Make `count_all` run it for every limit at
# the same time in the process pool it is given, with the event loop free while it waits; return the
# counts in the order of `limits`. Then write `run`: plain code that creates a `ProcessPoolExecutor`
# with 2 workers, runs `count_all` with it on an event loop, and shuts the pool down.
# Lesson 5: Blocking vs non-blocking (`tutor lesson 5`)

import asyncio
import time
from concurrent.futures import Executor, ProcessPoolExecutor


def count_primes(limit: int) -> int:
    """Count the primes below `limit`, the slow way (pure Python, CPU-bound). Do not change it."""
    count = 0
    for n in range(2, limit):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
    return count


async def count_all(pool: Executor, limits: list[int]) -> list[int]:
    """`count_primes(limit)` for every limit, all at once in `pool`; the counts in the order of `limits`."""
    loop = asyncio.get_running_loop()
    # Each call is pickled (the function by name, so it must be a top-level function) and sent to a
    # worker process. Every process has its own GIL, so the counts really run in parallel, and the
    # loop only awaits Futures meanwhile.
    return await asyncio.gather(*(loop.run_in_executor(pool, count_primes, limit) for limit in limits))


def run(limits: list[int]) -> list[int]:
    """Create a pool of 2 worker processes, run `count_all` with it, shut the pool down; return the counts."""
    # The pool is created once, outside the event loop, and the `with` block shuts it down (waiting
    # for its workers) however the work ends.
    with ProcessPoolExecutor(max_workers=2) as pool:
        return asyncio.run(count_all(pool, limits))


if __name__ == "__main__":  # needed: with the "spawn" start method, each worker imports this file
    start = time.perf_counter()
    print(run([200_000, 200_000]))  # [17984, 17984]
    print(f"took {time.perf_counter() - start:.2f} s")  # about the time of one count, on 2 or more cores
