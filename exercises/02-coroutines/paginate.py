# Read a paged API lazily. Inside `async with api.session() as session:`, `await session.get_page(n)`
# returns page n (counting from 1): a `Page` with `.items` (a list) and `.has_next`. Make `iter_items(api)`
# an async generator that yields every item, page by page, fetching a page only when the consumer needs
# it. `first_items(api, count)` reads the first `count` items with `async for`, and closes the generator
# (and with it the session) before it returns.
# Lesson 2: Coroutines and await (`tutor lesson 2`)

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass
class Page:
    """One page of results, as `await session.get_page(n)` returns it."""

    items: list[Any]
    has_next: bool  # False on the last page


class Session(Protocol):
    async def get_page(self, number: int) -> Page: ...


class Api(Protocol):
    """What `api` offers (the check passes in a fake one)."""

    def session(self) -> contextlib.AbstractAsyncContextManager[Session]: ...


async def iter_items(api: Api) -> AsyncIterator[Any]:
    """Yield every item of every page, fetching each page only when it is needed."""
    raise NotImplementedError("open the session, then loop: fetch a page, yield its items, stop at the last page")
    yield  # never reached, yet this `yield` makes the `async def` an async generator


async def first_items(api: Api, count: int) -> list[Any]:
    """The first `count` items (fewer if there are fewer), read with `async for`."""
    raise NotImplementedError("`async for` over iter_items(api), stop after `count` items, close the generator")


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
