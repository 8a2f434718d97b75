"""Checks for lesson 10, exercise `prices/catalog/management/commands/refresh_prices.py`: run async
code (concurrent fetches) from a management command's synchronous `handle`."""

from __future__ import annotations

import asyncio
import inspect
import io
import traceback
from decimal import Decimal
from typing import Any

from tutor.checkkit import (
    InFlight,
    _,
    django_project,
    explain_django_errors,
    fail,
    load_exercise,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
)

PAUSE = 0.2  # how long the check's stand-in for price_api.fetch_price waits (without blocking)
BLOCKED = 0.15  # a stall of the event loop longer than this means something blocked it
SKUS = ["BOOK-1", "LAMP-2", "MUG-3", "PEN-4"]  # the products of the seed migration


_PRICES = {"BOOK-1": "14.20", "LAMP-2": "41.75", "MUG-3": "7.30", "PEN-4": "3.10"}


def _price(sku: str) -> Decimal:
    """The check's prices differ from price_api's, so a hard-coded answer shows."""
    return Decimal(_PRICES.get(sku, "1.00"))


class _FakeApi:
    """The check's stand-in for `price_api.fetch_price`: waits without blocking, counts the calls in
    flight, and keeps a heartbeat in whatever event loop calls it, to see if something blocks it."""

    def __init__(self) -> None:
        self.reset()
        self.__name__ = self.__qualname__ = "fetch_price"

    def reset(self) -> None:
        self.in_flight = InFlight()
        self.calls: list[str] = []
        self.max_gap = 0.0
        self.loop: asyncio.AbstractEventLoop | None = None
        self.beat: asyncio.Task[None] | None = None  # cancelled with its loop when the learner's loop ends

    async def _beat(self, last: float) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(0.01)
            now = loop.time()
            self.max_gap = max(self.max_gap, now - last - 0.01)
            last = now

    async def __call__(self, sku: str) -> Decimal:
        loop = asyncio.get_running_loop()
        if loop is not self.loop:  # first call in this event loop: start watching it
            self.loop = loop
            self.beat = loop.create_task(self._beat(loop.time()))  # a stall before its first tick counts too
        self.calls.append(sku)
        async with self.in_flight:
            await asyncio.sleep(PAUSE)
        return _price(sku)


_FAKE = _FakeApi()


def _module() -> Any:
    """Set the project up (once), put the fake in place of price_api.fetch_price, load the command."""
    django_project()
    import price_api

    if price_api.fetch_price is not _FAKE:
        price_api.fetch_price = _FAKE  # before the command is imported: `from price_api import ...` sees it too
    module = load_exercise()
    _FAKE.reset()
    from catalog.models import Product

    Product.objects.update(price=None)  # every check starts from products without prices
    return module


def _command_class(module: Any) -> Any:
    from django.core.management.base import BaseCommand

    command = getattr(module, "Command", None)
    if not (inspect.isclass(command) and issubclass(command, BaseCommand)):
        fail(
            _(
                "refresh_prices.py has no `Command` class: Django runs `python manage.py refresh_prices` by "
                "creating `Command()` from that file, a subclass of `django.core.management.base.BaseCommand`."
            )
        )
    return command


def _async_handle() -> str:
    """The message for an `async def handle`."""
    return _(
        "`Command.handle` is `async def`. Django's `BaseCommand.execute` calls `self.handle(...)` like any "
        "function and never awaits it, so your code never runs: Django gets a coroutine object back and "
        "tries to print it (`AttributeError: 'coroutine' object has no attribute 'endswith'`, and "
        "\"coroutine 'Command.handle' was never awaited\"). Keep `def handle(...)` synchronous and run the "
        "async part from it: `prices = async_to_sync(fetch_prices)(skus)`."
    )


def _blocked_message(gap: float) -> str:
    return _(
        "Something blocked the event loop for {ms:.0f} ms while the prices were being fetched. A "
        "blocking call such as `time.sleep()` inside `async def` stops every other coroutine, so the "
        "fetches could not overlap: use `await asyncio.sleep(...)`, or no sleep at all.",
        ms=gap * 1000,
    )


def _concurrency(what: str) -> None:
    """The fetches must have overlapped, all of them, and the loop must never have stalled."""
    if _FAKE.max_gap > BLOCKED:
        fail(_blocked_message(_FAKE.max_gap))
    peak = _FAKE.in_flight.peak
    if peak < len(SKUS):
        why = (
            _(
                "One after the other: each `await price_api.fetch_price(...)` finished before the next began. "
                "Start them all, then wait for all: "
                "`await asyncio.gather(*(price_api.fetch_price(s) for s in skus))`."
            )
            if peak == 1
            else _("Did you leave some of them out of the gather?")
        )
        fail(
            _(
                "{what} fetched {count} prices but at most {peak} at once (each takes {pause:g} s, so "
                "{total:g} s in all instead of {pause:g} s). {why}",
                what=what,
                count=len(SKUS),
                peak=peak,
                pause=PAUSE,
                total=len(SKUS) * PAUSE,
                why=why,
            )
        )


def _close_coroutines(error: BaseException) -> None:
    """Close the never-run coroutines an error still holds, so Python's "never awaited" warning does not
    surface later, in another check (the message already told the learner)."""
    for frame, _lineno in traceback.walk_tb(error.__traceback__):
        for value in list(frame.f_locals.values()):
            if inspect.iscoroutine(value):
                value.close()
    held = getattr(error, "obj", None)  # AttributeError keeps the object it was raised for
    if inspect.iscoroutine(held):
        held.close()


# --- the checks -----------------------------------------------------------------------------


def test_handle_stays_synchronous() -> None:
    """`Command.handle` is a plain `def` (Django calls it without awaiting)"""
    command = _command_class(_module())
    if inspect.iscoroutinefunction(command.handle):
        fail(_async_handle())


def test_fetch_prices_fetches_all_at_once() -> None:
    """`fetch_prices(skus)` returns {sku: price}, with all the fetches at the same time"""
    module = _module()
    fetch_prices = require_function(module, "fetch_prices", is_async=True)
    with no_unawaited_coroutines(), explain_django_errors("fetch_prices"):
        prices = run_async(lambda: fetch_prices(list(SKUS)), within=3, what="fetch_prices")
    reject_coroutine(prices, "fetch_prices")
    if not isinstance(prices, dict):
        fail(_("fetch_prices returned {prices!r}; expected a dict from each SKU to its price.", prices=prices))
    for value in prices.values():
        reject_coroutine(value, _("The call of price_api.fetch_price"))
    _concurrency("fetch_prices")
    expected = {sku: _price(sku) for sku in SKUS}
    if prices != expected:
        fail(
            _(
                "fetch_prices({skus!r}) returned {prices!r}; expected {expected!r}: each SKU with the Decimal "
                "that `await price_api.fetch_price(sku)` gives back.",
                skus=SKUS,
                prices=prices,
                expected=expected,
            )
        )


def test_command_saves_every_price() -> None:
    """`call_command("refresh_prices")` saves every price, fetched at once, and reports them"""
    module = _module()
    command = _command_class(module)
    if inspect.iscoroutinefunction(command.handle):
        fail(_async_handle())
    from django.core.management import call_command

    out = io.StringIO()
    error: Exception | None = None
    with no_unawaited_coroutines(), explain_django_errors(_("your command")):
        try:
            call_command(command(), stdout=out, stderr=io.StringIO())
        except Exception as exc:
            if "coroutine" not in str(exc):
                raise
            error = exc
    if error is not None:
        _close_coroutines(error)
    if isinstance(error, (AttributeError, TypeError)):
        fail(
            _(
                "`handle` called `fetch_prices(...)` but never ran the coroutine it gave back ({error}). From "
                "synchronous code you cannot `await`; hand the coroutine function to a bridge that runs an event "
                "loop: `prices = async_to_sync(fetch_prices)(skus)` (or `asyncio.run(fetch_prices(skus))`).",
                error=error,
            )
        )
    if error is not None:
        fail(
            _(
                "A coroutine object ended up where a value belongs ({error_type}: {error}). Calling an "
                "`async def` function only creates a coroutine; did you forget `await`?",
                error_type=type(error).__name__,
                error=error,
            )
        )
    if not _FAKE.calls:
        fail(_("The command finished without calling price_api.fetch_price once: did handle run fetch_prices?"))
    _concurrency(_("The command"))
    from catalog.models import Product

    saved = dict(Product.objects.values_list("sku", "price"))
    expected = {sku: _price(sku) for sku in SKUS}
    if saved != expected:
        fail(
            _(
                "After the command, the products' prices are {saved!r}; expected {expected!r}. Save each fetched "
                "price: `Product.objects.filter(sku=sku).update(price=price)`, in `handle` (sync code) where the "
                "sync ORM is allowed.",
                saved=saved,
                expected=expected,
            )
        )
    lines = out.getvalue().splitlines()
    wanted = [f"{sku}: {_price(sku)}" for sku in SKUS] + [f"Updated {len(SKUS)} prices."]
    if lines != wanted:
        fail(
            _(
                "The command printed {lines!r}; expected {wanted!r}: one `SKU: price` line per product (in SKU "
                "order), then the total. Write with `self.stdout.write(...)`, not print(), so call_command can "
                "capture it.",
                lines=lines,
                wanted=wanted,
            )
        )


def test_command_found_by_name() -> None:
    """`python manage.py refresh_prices` finds the command (its app is installed)"""
    _module()
    from django.core.management import get_commands

    app = get_commands().get("refresh_prices")
    if app != "catalog":
        fail(
            _(
                "Django does not find a command named refresh_prices in the catalog app. A command is the file "
                "management/commands/refresh_prices.py inside an app listed in INSTALLED_APPS; keep the file's name "
                "and place."
            )
        )
