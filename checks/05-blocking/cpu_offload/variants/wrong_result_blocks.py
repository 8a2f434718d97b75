# expect: waited for the pool's results on the event loop's thread
# expect-ru: ждала результатов пула в потоке событийного цикла
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
    futures = [pool.submit(count_primes, limit) for limit in limits]
    return [future.result() for future in futures]  # blocks the loop until each count is done


def run(limits):
    with ProcessPoolExecutor(max_workers=2) as pool:
        return asyncio.run(count_all(pool, limits))
