# Запустите все задания одновременно и не дайте одной ошибке испортить остальное. `fetch_all_safe` получает
# список асинхронных функций без аргументов («задания»). Верните по одному элементу на задание, в порядке
# `jobs`: результат задания или, если задание выбросило исключение, сам объект этого исключения
# (возвращённый, а не выброшенный).
# Урок 4: Структурированная конкурентность (`tutor lesson 4`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

Job = Callable[[], Awaitable[Any]]


async def fetch_all_safe(jobs: list[Job]) -> list[Any]:
    """Выполняет все задания конкурентно; возвращает результаты по порядку, а на месте упавшего задания — его исключение."""
    # return_exceptions=True кладёт каждое исключение в список результатов, на место его задания, вместо
    # того чтобы выбросить первое (и gather по-прежнему ждёт завершения всех заданий).
    return await asyncio.gather(*(job() for job in jobs), return_exceptions=True)


if __name__ == "__main__":

    async def prices() -> str:
        await asyncio.sleep(0.2)
        return "prices"

    async def stock() -> str:
        await asyncio.sleep(0.1)
        raise ConnectionError("the stock service is down")

    async def reviews() -> str:
        await asyncio.sleep(0.3)
        return "reviews"

    print(asyncio.run(fetch_all_safe([prices, stock, reviews])))
    # ['prices', ConnectionError('the stock service is down'), 'reviews'] примерно через 0,3 с
