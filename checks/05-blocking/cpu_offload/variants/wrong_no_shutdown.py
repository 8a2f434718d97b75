# expect: the pool was never shut down
# expect-ru: пул так и не закрыли
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
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(pool, count_primes, limit) for limit in limits))


def run(limits):
    pool = ProcessPoolExecutor(max_workers=2)
    return asyncio.run(count_all(pool, limits))
