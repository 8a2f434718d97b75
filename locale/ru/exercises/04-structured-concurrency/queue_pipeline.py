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
    raise NotImplementedError("запустите воркеры, наполните очередь, дождитесь, пока она опустеет, остановите воркеры")


if __name__ == "__main__":
    import time

    async def save(order: int) -> None:
        await asyncio.sleep(0.1)  # медленная запись
        print(f"  saved order {order}")

    start = time.perf_counter()
    asyncio.run(run_pipeline(range(6), save, workers=3))
    print(f"done in {time.perf_counter() - start:.2f} s")  # около 0,2 с: два раунда по три
