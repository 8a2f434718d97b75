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
    # Генератор останавливается на каждом `yield`, пока потребитель не попросит следующий элемент, поэтому
    # следующая страница запрашивается, только когда потребитель забрал все элементы этой. Пока генератор
    # на паузе, сессия остаётся открытой; она закрывается, когда генератор завершается или его закрывают
    # (aclose).
    async with api.session() as session:
        number = 1
        while True:
            page = await session.get_page(number)
            for item in page.items:
                yield item
            if not page.has_next:  # у пустой страницы всё равно может быть следующая: верьте `has_next`
                return
            number += 1


async def first_items(api: Api, count: int) -> list[Any]:
    """Первые `count` элементов (меньше, если их меньше), прочитанные через `async for`."""
    found: list[Any] = []
    if count <= 0:
        return found
    # Досрочный выход из `async for` оставляет генератор на паузе, а его сессию открытой, пока Python
    # когда-нибудь позже не финализирует генератор. aclosing() дожидается его aclose(), как только
    # блок заканчивается.
    async with contextlib.aclosing(iter_items(api)) as items:
        async for item in items:
            found.append(item)
            if len(found) == count:
                break
    return found


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
