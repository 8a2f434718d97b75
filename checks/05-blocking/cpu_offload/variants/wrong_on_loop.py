# expect: on the event loop's own thread
# expect-ru: в собственном потоке событийного цикла
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
    return [count_primes(limit) for limit in limits]


def run(limits):
    with ProcessPoolExecutor(max_workers=2) as pool:
        return asyncio.run(count_all(pool, limits))
