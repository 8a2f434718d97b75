# `count_primes` — вычисления на чистом Python, которые нагружают процессор. Сделайте так, чтобы
# `count_all` выполняла её для всех значений из `limits` одновременно в переданном ей пуле процессов и
# не занимала событийный цикл, пока ждёт; результаты верните в порядке `limits`. Затем напишите `run`:
# обычный код, который создаёт `ProcessPoolExecutor` с 2 рабочими процессами, выполняет с ним
# `count_all` в событийном цикле и закрывает пул.
# Урок 5: Блокирующий и неблокирующий код (`tutor lesson 5`)

import asyncio
import time
from concurrent.futures import Executor, ProcessPoolExecutor


def count_primes(limit: int) -> int:
    """Считает простые числа меньше `limit` медленным способом (чистый Python, грузит процессор). Не меняйте."""
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
    """`count_primes(limit)` для каждого значения из `limits`, все сразу в `pool`; результаты в порядке `limits`."""
    loop = asyncio.get_running_loop()
    # Каждый вызов сериализуется через pickle (функция — по имени, поэтому она должна быть функцией
    # верхнего уровня) и уходит в рабочий процесс. У каждого процесса свой GIL, поэтому подсчёты
    # действительно идут параллельно, а цикл тем временем только ждёт фьючерсы через `await`.
    return await asyncio.gather(*(loop.run_in_executor(pool, count_primes, limit) for limit in limits))


def run(limits: list[int]) -> list[int]:
    """Создаёт пул из 2 рабочих процессов, выполняет с ним `count_all`, закрывает пул; возвращает результаты."""
    # Пул создаётся один раз, вне событийного цикла, а блок `with` закрывает его (дождавшись рабочих
    # процессов), чем бы ни закончилась работа.
    with ProcessPoolExecutor(max_workers=2) as pool:
        return asyncio.run(count_all(pool, limits))


if __name__ == "__main__":  # обязательно: при методе запуска "spawn" каждый рабочий процесс импортирует этот файл
    start = time.perf_counter()
    print(run([200_000, 200_000]))  # [17984, 17984]
    print(f"took {time.perf_counter() - start:.2f} s")  # примерно как один подсчёт, если ядер 2 или больше
