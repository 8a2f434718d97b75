# Вызовите асинхронную функцию для множества элементов, но так, чтобы одновременно выполнялось не больше
# `limit` вызовов (представьте API, который разрешает `limit` соединений). `bounded_map` возвращает
# результаты `fn(item)` для каждого элемента в порядке `items`. Пока элементы не кончились, держите в работе
# ровно `limit` вызовов: запускайте следующий, как только завершится очередной, а не пачка за пачкой.
# Урок 4: Структурированная конкурентность (`tutor lesson 4`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any


async def bounded_map(fn: Callable[[Any], Awaitable[Any]], items: list[Any], limit: int) -> list[Any]:
    """Возвращает `[await fn(item) for item in items]`, выполняя одновременно не больше `limit` вызовов."""
    # Один семафор на все вызовы: `async with` занимает один из его `limit` слотов (и ждёт, если все заняты),
    # а когда вызов завершён, возвращает слот, и тогда проходит следующий ожидающий вызов.
    slots = asyncio.Semaphore(limit)

    async def call(item: Any) -> Any:
        async with slots:
            return await fn(item)

    # gather запускает их все (большинство сразу ждёт слота) и сохраняет результаты в порядке входных данных.
    return await asyncio.gather(*(call(item) for item in items))


if __name__ == "__main__":
    import time

    async def square(n: int) -> int:
        await asyncio.sleep(0.1)  # медленный вызов внешнего сервиса
        return n * n

    start = time.perf_counter()
    print(asyncio.run(bounded_map(square, list(range(10)), limit=5)))
    print(f"{time.perf_counter() - start:.2f} s")  # около 0,2 с: два раунда по пять вызовов
