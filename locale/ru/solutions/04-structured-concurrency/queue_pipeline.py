# Постройте конвейер «производитель — потребители». `run_pipeline` запускает N задач-воркеров (N = `workers`),
# затем подаёт `items` в `asyncio.Queue(maxsize=workers)`; каждый воркер берёт элементы из очереди и ждёт
# `handle(item)`. Каждый элемент обрабатывается ровно один раз, по N одновременно. Когда всё обработано,
# остановите воркеры и верните управление: ни одна задача не должна остаться работать, и ничто не должно
# ждать вечно.
# Урок 4: Структурированная конкурентность (`tutor lesson 4`)

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any


async def run_pipeline(items: Iterable[Any], handle: Callable[[Any], Awaitable[None]], workers: int) -> None:
    """Подаёт `items` через ограниченную очередь `workers` задачам, которые ждут `handle(item)` для каждого."""
    # Ограниченная очередь даёт обратное давление: `put` ждёт, пока очередь полна, поэтому производитель
    # никогда не забегает вперёд воркеров больше чем на `workers` элементов.
    queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=workers)

    async def worker() -> None:
        while True:
            item = await queue.get()
            try:
                await handle(item)
            finally:
                queue.task_done()  # по одному на каждый get(), что бы ни случилось: их считает join()

    tasks = [asyncio.create_task(worker()) for _ in range(workers)]
    try:
        for item in items:
            await queue.put(item)
        await queue.join()  # возвращается, когда task_done() вызван для каждого положенного элемента
    finally:
        # Воркеры бесконечно крутятся в цикле, ожидая get(): отменяем их, затем ждём, пока они остановятся.
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


if __name__ == "__main__":
    import time

    async def save(order: int) -> None:
        await asyncio.sleep(0.1)  # медленная запись
        print(f"  saved order {order}")

    start = time.perf_counter()
    asyncio.run(run_pipeline(range(6), save, workers=3))
    print(f"done in {time.perf_counter() - start:.2f} s")  # около 0,2 с: два раунда по три
