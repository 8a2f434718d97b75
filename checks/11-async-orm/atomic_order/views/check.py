"""Checks for lesson 11, exercise `atomic_order/views.py`: one sync transaction, called from an async view."""

from __future__ import annotations

import json
import os
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tutor.checkkit import (
    CheckFailure,
    _,
    django_project,
    django_request,
    explain_sync_only,
    fail,
    load_exercise,
    require_async_view,
    response_json,
)


# --- helpers (local to this check) --------------------------------------------------------
def _views() -> Any:
    """The project set up on its own fresh database, then the learner's views.py."""
    django_project()
    return load_exercise()


def _explain(exc: BaseException, what: str, where: str) -> str | None:
    """The lesson's own words for an error that escaped order_create (None: django_request's standard ones)."""
    from django.core.exceptions import ObjectDoesNotExist, SynchronousOnlyOperation

    text = str(exc)
    if isinstance(exc, SynchronousOnlyOperation):
        said = explain_sync_only(exc, what)
        files = [frame.filename.replace(os.sep, "/") for frame in traceback.extract_tb(exc.__traceback__)]
        if any(name.endswith("django/db/transaction.py") for name in files):  # said what to do already
            return None
        here = _(
            "Here, place_order stays a plain function (a transaction is sync-only): call it from the "
            "view with `await sync_to_async(place_order)(items)`."
        )
        return f"{said} {here}"
    if isinstance(exc, (AttributeError, TypeError)) and "coroutine" in text:
        return _(
            "{what} failed with {error}: {text}{where}. A coroutine object turned up where "
            "a result was expected: `sync_to_async(place_order)(items)` gives a coroutine, and place_order "
            "only runs when you await it. Did you forget `await`?",
            what=what,
            error=type(exc).__name__,
            text=text,
            where=where,
        )
    if type(exc).__name__ == "OutOfStock":
        return _(
            "{what} raised OutOfStock ({text}){where} instead of answering. Catch it around the call, "
            '`except OutOfStock as exc:`, and answer 409 Conflict: `JsonResponse({{"error": str(exc)}}, status=409)`.',
            what=what,
            text=text,
            where=where,
        )
    if isinstance(exc, ObjectDoesNotExist):
        return _(
            "{what} raised {error} ({text}){where} instead of answering. Catch "
            '`Book.DoesNotExist` around the call and answer 404: `JsonResponse({{"error": ...}}, status=404)`.',
            what=what,
            error=type(exc).__qualname__,
            text=text,
            where=where,
        )
    return None


def _post(items: list[dict[str, int]]) -> Any:
    """POST /orders/ with these items and return the response (fails when the view raised, blocked...)."""
    return django_request("POST", "/orders/", json_body={"items": items}, explain=_explain)


def _fresh_shop() -> dict[str, int]:
    """Replace the shop's data with three books: 5 copies, 2 copies, 1 copy. Returns their ids."""
    from decimal import Decimal

    from django.db import transaction
    from shop.models import Author, Book, Order

    with transaction.atomic():  # one commit: every commit costs a disk sync
        Order.objects.all().delete()
        Book.objects.all().delete()
        Author.objects.all().delete()
        author = Author.objects.create(name="Mary Shelley")
        books = {
            title: Book.objects.create(author=author, title=title, price=Decimal("7.90"), stock=stock).id
            for title, stock in (("Frankenstein", 5), ("The Last Man", 2), ("Mathilda", 1))
        }
    return books


def _snapshot() -> dict[str, Any]:
    """What an order can change: every book's stock, and the orders and order lines."""
    from shop.models import Book, Order, OrderLine

    return {
        "stock": dict(Book.objects.values_list("title", "stock")),
        "orders": Order.objects.count(),
        "lines": OrderLine.objects.count(),
    }


def _changes(before: dict[str, Any], after: dict[str, Any]) -> str:
    """The differences between two snapshots, in words."""
    said = [
        _(
            "the stock of {title!r} went from {before} to {after}",
            title=title,
            before=before["stock"][title],
            after=after["stock"].get(title),
        )
        for title in before["stock"]
        if before["stock"][title] != after["stock"].get(title)
    ]
    if after["orders"] != before["orders"]:
        said.append(_("{count} Order row(s) appeared", count=after["orders"] - before["orders"]))
    if after["lines"] != before["lines"]:
        said.append(_("{count} OrderLine row(s) appeared", count=after["lines"] - before["lines"]))
    return "; ".join(said)


def _rejected(items: list[dict[str, int]], status: int, why: str) -> None:
    """POST an order that must be refused with `status`, and prove that nothing changed."""
    before = _snapshot()
    pending: CheckFailure | None = None
    response = None
    try:
        response = _post(items)
    except CheckFailure as failure:
        pending = failure
    changed = _changes(before, _snapshot())
    if changed:
        fail(
            _(
                "POST /orders/ for {why} must change nothing, but the database did change: {changed}. The rows "
                "written before the failure stayed: outside a transaction every save commits on its own (and so "
                "does each small atomic block). Make the whole of place_order one transaction, "
                "`@transaction.atomic` on it: then the exception rolls back everything it wrote, and a partial "
                "order can never exist.",
                why=why,
                changed=changed,
            )
        )
    if pending is not None:
        raise pending
    assert response is not None
    if response.status_code != status:
        fail(
            _(
                "POST /orders/ for {why} answered {got}; expected {status}. Body: {body!r}",
                why=why,
                got=response.status_code,
                status=status,
                body=response.content[:200],
            )
        )
    try:
        data = json.loads(response.content)
    except ValueError:
        data = None
    if not (isinstance(data, dict) and isinstance(data.get("error"), str)):
        fail(
            _(
                "POST /orders/ for {why} answered {body!r}; expected JSON with an 'error' "
                'message, such as `JsonResponse({{"error": str(exc)}}, status={status})`.',
                why=why,
                body=response.content[:200],
                status=status,
            )
        )


@contextmanager
def _write_threads() -> Iterator[set[str]]:
    """Record the name of each thread that saves a book, an order or an order line in the block."""
    from django.db.models.signals import pre_save
    from shop.models import Book, Order, OrderLine

    seen: set[str] = set()

    def record(sender: Any, **kwargs: Any) -> None:
        seen.add(threading.current_thread().name)

    for model in (Book, Order, OrderLine):
        pre_save.connect(record, sender=model, weak=False)
    try:
        yield seen
    finally:
        for model in (Book, Order, OrderLine):
            pre_save.disconnect(record, sender=model)


# --- the checks -----------------------------------------------------------------------------


def test_view_is_async() -> None:
    """order_create is an `async def` view"""
    views = _views()
    for name in ("order_create", "place_order"):
        if getattr(views, name, None) is None:
            fail(_("views.py has no `{name}`. Keep the names of the exercise: the check calls them.", name=name))
    require_async_view(views.order_create, "order_create")


def test_order_is_placed() -> None:
    """an order for 2 books answers 201, takes the copies from stock and records the order lines"""
    _views()
    from shop.models import Order

    books = _fresh_shop()
    items = [{"book": books["Frankenstein"], "quantity": 2}, {"book": books["The Last Man"], "quantity": 1}]
    with _write_threads() as threads:
        response = _post(items)
    data = response_json(response, _("POST /orders/ with two books in stock"), 201)
    order = Order.objects.filter(pk=data.get("order")).first() if isinstance(data, dict) else None
    if order is None or data.get("lines") != 2:
        fail(_("POST /orders/ answered {data!r}; expected {{'order': <the new order's id>, 'lines': 2}}.", data=data))
    lines = sorted((line.book.title, line.quantity) for line in order.lines.all())
    if lines != [("Frankenstein", 2), ("The Last Man", 1)]:
        fail(
            _(
                "The new order has the lines {lines!r}; expected [('Frankenstein', 2), ('The Last Man', 1)].",
                lines=lines,
            )
        )
    stock = _snapshot()["stock"]
    if (stock["Frankenstein"], stock["The Last Man"]) != (3, 1):
        fail(
            _(
                "After ordering 2 Frankenstein (5 in stock) and 1 The Last Man (2 in stock), their stocks are "
                "{first} and {second}; expected 3 and 1.",
                first=stock["Frankenstein"],
                second=stock["The Last Man"],
            )
        )
    main = threading.main_thread().name
    if threads - {main}:
        fail(
            _(
                "place_order saved rows in the thread(s) {threads}, not in the thread that runs the "
                "request's other database work. `sync_to_async(..., thread_sensitive=False)` sends the call to a "
                "thread pool: it gets a database connection of its own, outside the request, which Django never "
                "closes when the request ends. Keep the default, `sync_to_async(place_order)`.",
                threads=sorted(threads - {main}),
            )
        )


def test_short_book_changes_nothing() -> None:
    """when one book is short, the answer is 409 and nothing changes: no stock taken, no order"""
    _views()
    books = _fresh_shop()
    items = [
        {"book": books["Frankenstein"], "quantity": 1},
        {"book": books["The Last Man"], "quantity": 1},
        {"book": books["Mathilda"], "quantity": 2},
    ]
    _rejected(items, 409, _("2 copies of 'Mathilda' (1 in stock) after two books in stock"))


def test_unknown_book_changes_nothing() -> None:
    """an order with an unknown book answers 404 and changes nothing"""
    _views()
    books = _fresh_shop()
    missing = max(books.values()) + 100
    items = [{"book": books["Frankenstein"], "quantity": 1}, {"book": missing, "quantity": 1}]
    _rejected(items, 404, _("a book that does not exist (id {missing}) after one in stock", missing=missing))
