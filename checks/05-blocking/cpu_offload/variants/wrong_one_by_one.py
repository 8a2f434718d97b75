# expect: ran one after another in the pool
# expect-ru: выполнялись в пуле один за другим
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
    counts = []
    for limit in limits:
        counts.append(await loop.run_in_executor(pool, count_primes, limit))
    return counts


def run(limits):
    with ProcessPoolExecutor(max_workers=2) as pool:
        return asyncio.run(count_all(pool, limits))
