# expect: lambdas and nested functions have none
# expect-ru: у лямбд и вложенных функций его нет
import asyncio
from concurrent.futures import ProcessPoolExecutor


def count_primes(limit: int) -> int:
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
    return await asyncio.gather(
        *(loop.run_in_executor(pool, lambda limit=limit: count_primes(limit)) for limit in limits)
    )


def run(limits):
    with ProcessPoolExecutor(max_workers=2) as pool:
        return asyncio.run(count_all(pool, limits))
