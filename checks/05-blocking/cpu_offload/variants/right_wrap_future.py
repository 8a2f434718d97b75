# Another correct answer: pool.submit + asyncio.wrap_future, a TaskGroup, and an explicit shutdown.
import asyncio
from concurrent.futures import ProcessPoolExecutor


def count_primes(limit):
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


async def count_all(pool, limits):
    futures = [asyncio.wrap_future(pool.submit(count_primes, limit)) for limit in limits]
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(_wait(future)) for future in futures]
    return [task.result() for task in tasks]


async def _wait(future):
    return await future


def run(limits):
    pool = ProcessPoolExecutor(max_workers=2)
    try:
        with asyncio.Runner() as runner:
            return runner.run(count_all(pool, limits))
    finally:
        pool.shutdown(wait=True)
