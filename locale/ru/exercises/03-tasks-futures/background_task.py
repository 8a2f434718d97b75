# Запустите работу в фоне через `asyncio.create_task`. `with_prefetch` запускает `fetch()` как задачу,
# ждёт `work()`, пока идёт загрузка, затем дожидается задачи и возвращает (результат work, результат fetch).
# `spawn` запускает `job()` как задачу, которую никто не ждёт («запустил и забыл»): храните каждую такую
# задачу в `background_tasks`, пока она выполняется, и убирайте её оттуда, когда она завершится.
# Урок 3: Задачи и фьючерсы (`tutor lesson 3`)

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

Job = Callable[[], Awaitable[Any]]

# Задачи, запущенные через `spawn` и ещё не завершившиеся.
background_tasks: set[asyncio.Task[Any]] = set()


async def with_prefetch(fetch: Job, work: Job) -> tuple[Any, Any]:
    """Выполняет `fetch()` в фоне, пока ждёт `work()`; возвращает (результат work, результат fetch)."""
    raise NotImplementedError("запустите fetch() как задачу, дождитесь work(), затем дождитесь задачи")


def spawn(job: Job) -> asyncio.Task[Any]:
    """Запускает `job()` в фоне и возвращает её задачу; хранит задачу в `background_tasks` до завершения."""
    raise NotImplementedError("создайте задачу, добавьте её в background_tasks, уберите её оттуда по завершении")


if __name__ == "__main__":

    async def fetch() -> str:
        print("fetch: started")
        await asyncio.sleep(0.3)
        print("fetch: done")
        return "data"

    async def work() -> str:
        print("work: started")
        await asyncio.sleep(0.2)
        print("work: done")
        return "work"

    async def main() -> None:
        print(await with_prefetch(fetch, work))  # ('work', 'data') примерно через 0,3 с, а не через 0,5 с
        spawn(fetch)
        print("spawned; tasks in the background:", len(background_tasks))
        await asyncio.sleep(0.4)
        print("later; tasks in the background:", len(background_tasks))

    asyncio.run(main())
