"""Checks for lesson 2, exercise `paginate.py`: a lazy async generator, and closing it early."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from tutor.checkkit import (
    LoopHeartbeat,
    _,
    fail,
    load_exercise,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
)

T = TypeVar("T")
NINE = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]


@dataclass
class Page:
    items: list[Any]
    has_next: bool


# The fakes are named like the learner's variables, so Python's warnings read
# "coroutine 'session.get_page' was never awaited".


class api:
    """The exercise's paged API. It records which pages were fetched and how many sessions are open."""

    def __init__(self, pages: list[list[Any]]) -> None:
        self.pages = pages
        self.fetched: list[int] = []
        self.opened = 0
        self.closed = 0

    def session(self) -> session:
        return session(self)

    @property
    def open_sessions(self) -> int:
        return self.opened - self.closed


class session:
    """`async with api.session() as session:`; closing it takes an await, like a real network session."""

    def __init__(self, owner: api) -> None:
        self.api = owner
        self.active = False

    async def __aenter__(self) -> session:
        await asyncio.sleep(0)
        self.active = True
        self.api.opened += 1
        return self

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.sleep(0)
        self.active = False
        self.api.closed += 1

    async def get_page(self, number: int) -> Page:
        if not self.active:
            fail(
                _(
                    "`session.get_page(...)` was called on a session that is not open. Open it with "
                    "`async with api.session() as session:` and fetch the pages inside that block."
                )
            )
        last = len(self.api.pages)
        if not 1 <= number <= last:
            fail(
                _(
                    "`iter_items` asked for page {number}, but pages are numbered from 1 and this API has {last} "
                    "(page {last} says `has_next == False`). Stop right after the page whose `has_next` is false.",
                    number=number,
                    last=last,
                )
            )
        self.api.fetched.append(number)
        await asyncio.sleep(0.005)
        return Page(items=list(self.api.pages[number - 1]), has_next=number < last)


def _iter_items() -> Callable[[Any], Any]:
    return require_function(load_exercise(), "iter_items")


def _open(iter_items: Callable[[Any], Any], fake: api) -> Any:
    """`iter_items(api)`, failing clearly unless it is an async iterator."""
    items = iter_items(fake)
    if inspect.iscoroutine(items):
        items.close()
        fail(
            _(
                "`iter_items(api)` gave back a coroutine object, not an async generator. An `async def` function "
                "becomes an async generator when its body contains `yield`: yield the items one by one "
                "(`for item in page.items: yield item`) instead of returning them."
            )
        )
    if not hasattr(items, "__anext__"):
        fail(
            _(
                "`iter_items(api)` gave back {kind} ({items!r:.60}), which `async for` cannot "
                "read. Make `iter_items` an async generator: `async def` with `yield item` inside.",
                kind=type(items).__name__,
                items=items,
            )
        )
    return items


async def _close(items: Any) -> None:
    aclose = getattr(items, "aclose", None)
    if aclose is not None:
        await aclose()


def _run(scenario: Callable[[], Awaitable[T]], what: str) -> T:
    """Run a scenario with a deadline; explain the TypeErrors of sync code meeting async objects."""
    try:
        with no_unawaited_coroutines():
            return run_async(scenario, within=3, what=what)
    except (TypeError, AttributeError) as error:
        text = str(error)
        if "context manager protocol" in text:
            fail(
                _(
                    "{what} raised TypeError: {text}. `api.session()` is an async context manager: open it with "
                    "`async with api.session() as session:`, not `with`.",
                    what=what,
                    text=text,
                )
            )
        if "__aiter__" in text:
            fail(
                _(
                    "{what} raised TypeError: {text}. `async for` needs an async iterator: make `iter_items` an "
                    "async generator, an `async def` that yields each item.",
                    what=what,
                    text=text,
                )
            )
        if "is not iterable" in text and "async" in text:
            fail(
                _(
                    "{what} raised TypeError: {text}. `iter_items(api)` is an async generator: read it with "
                    "`async for item in ...`, not `for`. A plain `for` cannot wait for the next page.",
                    what=what,
                    text=text,
                )
            )
        if "coroutine" in text:
            fail(
                _(
                    "{what} raised {error_type}: {text}. A coroutine object was used as if it were the "
                    "page. Did you forget `await` before `session.get_page(...)`?",
                    what=what,
                    error_type=type(error).__name__,
                    text=text,
                )
            )
        raise


def _no_pages(items: list[Any], what: str) -> None:
    if any(isinstance(item, list) for item in items):
        fail(
            _(
                "{what} produced {items!r}: whole pages, not items. Yield each item of the page on its own: "
                "`for item in page.items: yield item`.",
                what=what,
                items=items,
            )
        )


def test_iter_items_is_an_async_generator() -> None:
    """iter_items(api) gives an async iterator (an `async def` with `yield`)"""
    iter_items = _iter_items()

    async def scenario() -> None:
        await _close(_open(iter_items, api(NINE)))

    _run(scenario, "`iter_items(api)`")


def test_yields_every_item_in_order() -> None:
    """iter_items yields every item of every page, in order, then closes the session"""
    iter_items = _iter_items()
    fake = api(NINE)

    async def scenario() -> list[Any]:
        return [item async for item in _open(iter_items, fake)]

    what = "`[item async for item in iter_items(api)]`"
    result = _run(scenario, what)
    _no_pages(result, what)
    expected = [item for page in NINE for item in page]
    assert result == expected, _(
        "{what} gave {result!r}; with pages {pages}, expected every item in order: {expected!r}.",
        what=what,
        result=result,
        pages=NINE,
        expected=expected,
    )
    assert fake.fetched == [1, 2, 3], _(
        "Reading everything fetched the pages {fetched}; expected [1, 2, 3], each page once, in order.",
        fetched=fake.fetched,
    )
    if fake.open_sessions:
        fail(
            _(
                "After the last item the session was still open. Open it with `async with api.session() as "
                "session:` inside the generator, around the loop: it closes when the generator finishes."
            )
        )


def test_follows_has_next() -> None:
    """iter_items goes on until a page says `has_next == False`, even past an empty page"""
    iter_items = _iter_items()
    pages: list[list[Any]] = [["a"], [], ["b", "c"]]

    async def scenario() -> list[Any]:
        return [item async for item in _open(iter_items, api(pages))]

    what = "`[item async for item in iter_items(api)]`"
    result = _run(scenario, what)
    _no_pages(result, what)
    if result == ["a"]:
        fail(
            _(
                "With pages {pages}, {what} stopped at the empty page 2 and gave {result!r}. A page can be "
                "empty and still have a next one: stop only when `page.has_next` is false.",
                pages=pages,
                what=what,
                result=result,
            )
        )
    assert result == ["a", "b", "c"], _(
        "With pages {pages}, {what} gave {result!r}; expected ['a', 'b', 'c'].", pages=pages, what=what, result=result
    )


def test_fetches_lazily() -> None:
    """iter_items fetches a page only when the consumer asks for one of its items"""
    iter_items = _iter_items()
    fake = api(NINE)
    seen: dict[str, Any] = {}

    async def scenario() -> None:
        items = _open(iter_items, fake)
        try:
            seen["first"] = await anext(items)
            seen["fetched after 1"] = list(fake.fetched)
            for _attempt in range(3):
                seen["fourth"] = await anext(items)
            seen["fetched after 4"] = list(fake.fetched)
        except StopAsyncIteration:
            fail(
                _(
                    "`iter_items` stopped early: with pages {pages}, it should give 9 items, one page after another.",
                    pages=NINE,
                )
            )
        finally:
            await _close(items)
        seen["open after aclose"] = fake.open_sessions

    _run(scenario, _("reading `iter_items(api)` one item at a time"))
    _no_pages([seen["first"]], "`await anext(iter_items(api))`")
    if seen["fetched after 1"] != [1]:
        fail(
            _(
                "Before handing out the first item, `iter_items` fetched the pages {fetched}; "
                "it should have fetched only page 1. Yield the items of a page as soon as you have it, and fetch "
                "the next page only when the consumer asks for more: do not collect every page into a list first.",
                fetched=seen["fetched after 1"],
            )
        )
    assert seen["first"] == 1, _(
        "The first item was {first!r}; expected 1, the first item of page 1.", first=seen["first"]
    )
    assert seen["fetched after 4"] == [1, 2], _(
        "After 4 items (all of page 1, then the first of page 2), the pages fetched were {fetched}; expected [1, 2].",
        fetched=seen["fetched after 4"],
    )
    assert seen["fourth"] == 4, _(
        "The 4th item was {fourth!r}; expected 4, the first item of page 2.", fourth=seen["fourth"]
    )
    if seen["open after aclose"]:
        fail(
            _(
                "After `await items.aclose()` the session was still open. Keep the session in an `async with "
                "api.session() as session:` block inside the generator: closing the generator then closes it."
            )
        )


def test_keeps_the_loop_free() -> None:
    """iter_items never blocks the event loop"""
    iter_items = _iter_items()

    async def watched() -> LoopHeartbeat:
        async with LoopHeartbeat() as beat:
            async for _item in _open(iter_items, api(NINE)):
                pass
        return beat

    beat = _run(watched, "`async for item in iter_items(api)`")
    beat.assert_not_blocked(what="`iter_items`")


def _first_items() -> Callable[[Any, int], Awaitable[Any]]:
    _iter_items()
    return require_function(load_exercise(), "first_items", is_async=True)


def test_first_items_reads_only_what_it_needs() -> None:
    """first_items(api, 4) returns the first 4 items, fetching only pages 1 and 2"""
    first_items = _first_items()
    fake = api(NINE)
    what = "`await first_items(api, 4)`"
    result = _run(lambda: first_items(fake, 4), what)
    reject_coroutine(result, what)
    if isinstance(result, list):
        _no_pages(result, what)
    if fake.fetched[:3] == [1, 2, 3]:
        fail(
            _(
                "{what} made `iter_items` fetch the pages {fetched}, though page 3 was not needed. Stop the "
                "`async for` with `break` as soon as you have `count` items. An async comprehension "
                "(`[item async for item in ...]`) always reads to the end.",
                what=what,
                fetched=fake.fetched,
            )
        )
    assert result == [1, 2, 3, 4], _(
        "{what} gave {result!r}; expected the first 4 items, [1, 2, 3, 4].", what=what, result=result
    )
    assert fake.fetched == [1, 2], _(
        "{what} fetched the pages {fetched}; expected [1, 2].", what=what, fetched=fake.fetched
    )

    everything = _run(lambda: first_items(api(NINE), 20), "`await first_items(api, 20)`")
    expected = [item for page in NINE for item in page]
    assert everything == expected, _(
        "`await first_items(api, 20)` gave {everything!r}; there are only 9 items, so expected all of them: "
        "{expected!r}.",
        everything=everything,
        expected=expected,
    )


def test_first_items_closes_the_generator() -> None:
    """first_items closes the generator, and with it the session, before it returns"""
    first_items = _first_items()
    fake = api(NINE)

    async def scenario() -> tuple[Any, int]:
        result = await first_items(fake, 2)
        return result, fake.open_sessions  # read at once, before the event loop runs anything else

    what = "`await first_items(api, 2)`"
    result, still_open = _run(scenario, what)
    reject_coroutine(result, what)
    assert result == [1, 2], _("{what} gave {result!r}; expected the first 2 items, [1, 2].", what=what, result=result)
    if still_open:
        fail(
            _(
                "When {what} returned, the session was still open. Leaving an `async for` early (with `break` or "
                "`return`) does not finish the generator: it stays paused at its `yield`, and its cleanup (here, "
                "closing the session) runs only when Python finalises it some time later, or when `asyncio.run` "
                "shuts down. Close it yourself as soon as you are done: `async with contextlib.aclosing("
                "iter_items(api)) as items:` around the `async for item in items:` loop, or "
                "`await items.aclose()` in a `finally:`.",
                what=what,
            )
        )
