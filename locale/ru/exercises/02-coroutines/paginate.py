# Читайте API со страницами лениво. Внутри `async with api.session() as session:` вызов
# `await session.get_page(n)` возвращает страницу n (нумерация с 1): `Page` с `.items` (список) и
# `.has_next`. Сделайте `iter_items(api)` асинхронным генератором, который отдаёт все элементы страница за
# страницей и запрашивает страницу, только когда она нужна потребителю. `first_items(api, count)` читает
# первые `count` элементов через `async for` и закрывает генератор (а с ним и сессию), прежде чем вернуть
# результат.
# Урок 2: Корутины и await (`tutor lesson 2`)

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass
class Page:
    """Одна страница результатов в том виде, в каком её возвращает `await session.get_page(n)`."""

    items: list[Any]
    has_next: bool  # False на последней странице


class Session(Protocol):
    async def get_page(self, number: int) -> Page: ...


class Api(Protocol):
    """Что умеет `api` (проверка передаёт поддельный объект)."""

    def session(self) -> contextlib.AbstractAsyncContextManager[Session]: ...


async def iter_items(api: Api) -> AsyncIterator[Any]:
    """Отдаёт каждый элемент каждой страницы и запрашивает страницу, только когда она нужна."""
    raise NotImplementedError("откройте сессию, затем в цикле: запросите страницу, отдайте её элементы, на последней остановитесь")
    yield  # сюда выполнение не доходит, но этот `yield` делает `async def` асинхронным генератором


async def first_items(api: Api, count: int) -> list[Any]:
    """Первые `count` элементов (меньше, если их меньше), прочитанные через `async for`."""
    raise NotImplementedError("`async for` по iter_items(api), остановитесь после `count` элементов, закройте генератор")


if __name__ == "__main__":

    class DemoSession:
        async def get_page(self, number: int) -> Page:
            print(f"  (fetching page {number})")
            await asyncio.sleep(0.2)
            return Page(items=[f"item {3 * number - 2 + i}" for i in range(3)], has_next=number < 3)

    class DemoApi:
        @contextlib.asynccontextmanager
        async def session(self) -> AsyncIterator[DemoSession]:
            print("  (session opened)")
            try:
                yield DemoSession()
            finally:
                print("  (session closed)")

    async def main() -> None:
        async for item in iter_items(DemoApi()):
            print(item)
        print(await first_items(DemoApi(), 4))

    asyncio.run(main())
