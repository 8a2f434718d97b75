# Запустите несколько заданий сразу. `run_all` получает список асинхронных функций без аргументов
# («заданий»): запустите их все, чтобы они ждали конкурентно, и верните их результаты списком в том же
# порядке, что и в `jobs`.
# Урок 1: Событийный цикл (`tutor lesson 1`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

Job = Callable[[], Awaitable[Any]]


async def run_all(jobs: list[Job]) -> list[Any]:
    """Выполняет все задания конкурентно; возвращает их результаты в порядке `jobs`."""
    # gather сразу запускает все awaitable-объекты и возвращает их результаты в порядке аргументов,
    # в каком бы порядке они ни завершились.
    return await asyncio.gather(*(job() for job in jobs))


if __name__ == "__main__":

    async def slow() -> str:
        await asyncio.sleep(0.3)
        return "slow"

    async def fast() -> str:
        await asyncio.sleep(0.1)
        return "fast"

    print(asyncio.run(run_all([slow, fast])))  # ['slow', 'fast'] примерно через 0,3 с
