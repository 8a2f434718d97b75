"""Checks for lesson 17, exercise `pg_orm/views.py`: the async ORM on PostgreSQL, and a reservation that must
be one transaction holding a row lock (`select_for_update()`), proved against a lock the check itself holds
from another connection and against ten concurrent requests served for real by uvicorn."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from tutor.checkkit import (
    CheckFailure,
    RecordingApp,
    _,
    django_project,
    django_request,
    explain_sync_only,
    fail,
    load_exercise,
    postgres_server,
    require_async_view,
    response_json,
    run_async,
    serve_django,
)

HELD = 0.4  # seconds the check's own transaction keeps the item's row locked
BLOCKED = 0.25  # a stall of the event loop above this (in seconds) means something blocked it
REQUESTS, STOCK = 10, 5  # ten reservations of one unit at once, for five units in stock

SYNC_DRIVER = _(
    "It looks like a sync driver in an async view: a synchronous database call "
    "(`psycopg.connect()`, `cursor.execute`, psycopg2...) made straight from `async def` runs on "
    "the event loop's own thread, and while PostgreSQL makes it wait for a locked row, every "
    "other request of the server waits too. Django's ORM never does that: `aget`/`acount` and "
    "`await sync_to_async(reserve)(...)` run the query in a worker thread while the loop goes "
    "on. Put the work in the sync `reserve` function (the ORM, `select_for_update()` in "
    "`@transaction.atomic`) and await it through `sync_to_async`."
)


# --- helpers (local to this check) --------------------------------------------------------
def _views() -> Any:
    """The project on the check's own PostgreSQL server, migrated, then the learner's views.py."""
    postgres_server()  # first: PGHOST, PGPORT... for settings.py
    django_project()
    from django.conf import settings

    # With DEBUG on, the error page of a crashed view prints the querysets in the traceback's frames: it
    # runs them in a throwaway thread, whose connection never goes back to the pool (four crashes and the
    # pool of four is empty). The check explains crashes itself and needs no error page.
    settings.DEBUG = False
    return load_exercise()


def _explain(exc: BaseException, what: str, where: str) -> str | None:
    """The lesson's own words for an error that escaped a view (None: django_request's standard ones)."""
    from django.core.exceptions import ObjectDoesNotExist, SynchronousOnlyOperation
    from django.db.transaction import TransactionManagementError

    text = str(exc)
    if isinstance(exc, SynchronousOnlyOperation):
        said = explain_sync_only(exc, what)
        if "transaction.atomic()" in said or "POST" not in what:
            return None  # says what to do already
        return _(
            "{said} Here, `reserve` stays a plain function (a transaction is sync-only): call it "
            "from the view with `await sync_to_async(reserve)(item_id, quantity)`.",
            said=said,
        )
    if isinstance(exc, TransactionManagementError) and "select_for_update" in text:
        return _(
            '{what} raised TransactionManagementError: "{text}"{where}. `select_for_update()` '
            "locks the row until the transaction ends; in autocommit mode every query is its own "
            "transaction, so the lock would be gone before you write, and Django refuses on "
            "PostgreSQL (SQLite has no row locks: there it silently does nothing, which is why "
            "this only shows up now). Make the whole of `reserve` one transaction: "
            "`@transaction.atomic` on it. (Not `aget()` either: each async ORM call is a "
            "separate query in autocommit mode.)",
            what=what,
            text=text,
            where=where,
        )
    if isinstance(exc, (AttributeError, TypeError)) and "coroutine" in text:
        return _(
            "{what} failed with {error}: {text}{where}. A coroutine object turned up where a "
            "result was expected: `aget`, `acount` and `sync_to_async(reserve)(...)` each give a "
            "coroutine that runs only when awaited. Did you forget `await`?",
            what=what,
            error=type(exc).__name__,
            text=text,
            where=where,
        )
    if type(exc).__name__ == "OutOfStock":
        return _(
            "{what} raised OutOfStock ({text}){where} instead of answering. Catch it around the "
            "call, `except OutOfStock as exc:`, and answer 409 Conflict: "
            '`JsonResponse({{"error": str(exc)}}, status=409)`.',
            what=what,
            text=text,
            where=where,
        )
    if isinstance(exc, ObjectDoesNotExist):
        return _(
            "{what} raised {error} ({text}){where} instead of answering. Catch "
            '`Item.DoesNotExist` and answer 404: `JsonResponse({{"error": "no such item"}}, '
            "status=404)`.",
            what=what,
            error=type(exc).__qualname__,
            text=text,
            where=where,
        )
    return None


def _get(path: str) -> Any:
    """A GET through AsyncClient, on the native async ORM (no `sync_to_async` of the learner's own)."""
    return django_request("GET", path, native_orm=True, explain=_explain)


def _reserve(item_id: int, quantity: int, *, blocked: float = 0.25) -> Any:
    """POST /items/<id>/reserve/ through AsyncClient; fails when the view raised, blocked the loop..."""
    return django_request(
        "POST",
        f"/items/{item_id}/reserve/",
        json_body={"quantity": quantity},
        explain=_explain,
        blocked=blocked,
        within=5,
    )


def _fresh_store() -> dict[str, int]:
    """Replace the store's data with three items: 5, 1 and 0 units. Returns their ids by name."""
    from django.db import transaction
    from store.models import Item, Reservation

    with transaction.atomic():
        Reservation.objects.all().delete()
        Item.objects.all().delete()
        return {
            name: Item.objects.create(name=name, stock=stock).id
            for name, stock in (("Concert ticket", STOCK), ("Festival pass", 1), ("Backstage tour", 0))
        }


def _state(item_id: int) -> tuple[int, list[int]]:
    """The item's stock and the quantities of its reservations (committed data, read by the check)."""
    from store.models import Item, Reservation

    stock = Item.objects.get(pk=item_id).stock
    return stock, list(Reservation.objects.filter(item_id=item_id).order_by("id").values_list("quantity", flat=True))


@contextmanager
def _row_locked_by_another_transaction(item_id: int, take: int) -> Iterator[None]:
    """Another transaction (the check's own psycopg connection, in a thread) locks the item's row with
    SELECT ... FOR UPDATE, takes `take` units and records its reservation, keeps the lock HELD seconds, and
    commits. Inside the block, the lock is held."""
    import psycopg

    locked = threading.Event()
    problems: list[BaseException] = []

    def hold() -> None:
        try:
            with psycopg.connect(connect_timeout=5) as connection, connection.transaction():
                connection.execute("SELECT stock FROM store_item WHERE id = %s FOR UPDATE", [item_id])
                connection.execute("UPDATE store_item SET stock = stock - %s WHERE id = %s", [take, item_id])
                connection.execute(
                    "INSERT INTO store_reservation (item_id, quantity, created) VALUES (%s, %s, now())",
                    [item_id, take],
                )
                locked.set()
                time.sleep(HELD)
        except BaseException as exc:  # reported below, in the check's thread
            problems.append(exc)
            locked.set()

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    locked.wait(5)
    if problems:
        raise RuntimeError(
            _(
                "the check's own transaction failed: {problem}",
                problem=problems[0],
            )
        )
    try:
        yield
    finally:
        holder.join(5)


# --- the checks -----------------------------------------------------------------------------


def test_views_are_async() -> None:
    """item_list, item_detail and item_reserve are `async def` views; reserve is there"""
    views = _views()
    for name in ("item_list", "item_detail", "item_reserve", "reserve"):
        if getattr(views, name, None) is None:
            fail(
                _(
                    "views.py has no `{name}`. Keep the names of the exercise: urls.py and the check use them.",
                    name=name,
                )
            )
    for name in ("item_list", "item_detail", "item_reserve"):
        require_async_view(getattr(views, name), name)


def test_item_list() -> None:
    """GET /items/ lists every item by name, with the native async ORM"""
    _views()
    ids = _fresh_store()
    data = response_json(_get("/items/"), "GET /items/")
    expected = {
        "items": [
            {"id": ids["Backstage tour"], "name": "Backstage tour", "stock": 0},
            {"id": ids["Concert ticket"], "name": "Concert ticket", "stock": STOCK},
            {"id": ids["Festival pass"], "name": "Festival pass", "stock": 1},
        ]
    }
    if data != expected:
        fail(
            _(
                "GET /items/ answered {data!r}; expected {expected!r} (every item, ordered by name).",
                data=data,
                expected=expected,
            )
        )


def test_item_detail() -> None:
    """GET /items/<id>/ gives the item and its number of reservations (404 when unknown), with aget and acount"""
    _views()
    from store.models import Reservation

    ids = _fresh_store()
    item_id = ids["Concert ticket"]
    Reservation.objects.bulk_create(
        [Reservation(item_id=item_id, quantity=1), Reservation(item_id=item_id, quantity=2)]
    )
    Reservation.objects.create(item_id=ids["Festival pass"], quantity=1)
    path = f"/items/{item_id}/"
    data = response_json(_get(path), f"GET {path}")
    expected = {"id": item_id, "name": "Concert ticket", "stock": STOCK, "reservations": 2}
    if data != expected:
        fail(
            _(
                "GET {path} answered {data!r}; expected {expected!r} (reservations: how many this item has).",
                path=path,
                data=data,
                expected=expected,
            )
        )
    missing = max(ids.values()) + 100
    response_json(
        _get(f"/items/{missing}/"),
        _(
            "GET /items/{missing}/ (no such item)",
            missing=missing,
        ),
        404,
    )


def test_reservation() -> None:
    """POST /items/<id>/reserve/ takes the units, records the reservation and answers 201"""
    _views()
    ids = _fresh_store()
    item_id = ids["Concert ticket"]
    data = response_json(
        _reserve(item_id, 2),
        _(
            "POST /items/{item_id}/reserve/ with quantity 2 of {total}",
            item_id=item_id,
            total=STOCK,
        ),
        201,
    )
    stock, quantities = _state(item_id)
    if not isinstance(data, dict) or data.get("left") != STOCK - 2 or not isinstance(data.get("reservation"), int):
        fail(
            _(
                "The reservation answered {data!r}; expected {{'reservation': <its id>, 'left': {left}}}.",
                data=data,
                left=STOCK - 2,
            )
        )
    if (stock, quantities) != (STOCK - 2, [2]):
        fail(
            _(
                "After reserving 2 of {total} units the item has {stock} in stock and reservations "
                "{quantities}; expected {left} and [2].",
                total=STOCK,
                stock=stock,
                quantities=quantities,
                left=STOCK - 2,
            )
        )


def test_short_or_unknown_changes_nothing() -> None:
    """a reservation for more than the stock answers 409, an unknown item 404, and nothing changes"""
    _views()
    ids = _fresh_store()
    item_id = ids["Festival pass"]
    pending: CheckFailure | None = None
    try:
        response = _reserve(item_id, 2)
    except CheckFailure as failure:
        pending = failure
    stock, quantities = _state(item_id)
    if (stock, quantities) != (1, []):
        fail(
            _(
                "Reserving 2 units of an item with 1 in stock changed the database: stock {stock}, "
                "reservations {quantities}. Check the stock before writing, and keep all of "
                "`reserve` in one transaction.",
                stock=stock,
                quantities=quantities,
            )
        )
    if pending is not None:
        raise pending
    data = response_json(
        response,
        _(
            "POST /items/{item_id}/reserve/ for 2 units with 1 in stock",
            item_id=item_id,
        ),
        409,
    )
    if not (isinstance(data, dict) and isinstance(data.get("error"), str)):
        fail(
            _(
                'The refused reservation answered {data!r}; expected JSON like {{"error": "only 1 ... left"}}.',
                data=data,
            )
        )
    missing = max(ids.values()) + 100
    response_json(
        _reserve(missing, 1),
        _(
            "POST /items/{missing}/reserve/ (no such item)",
            missing=missing,
        ),
        404,
    )


def test_waits_for_a_locked_row() -> None:
    """a reservation waits (in its thread, not on the event loop) for a row another transaction holds"""
    _views()
    ids = _fresh_store()
    item_id = ids["Concert ticket"]
    what = _(
        "POST /items/{item_id}/reserve/ for 3 units",
        item_id=item_id,
    )
    stalled: int | None = None
    with _row_locked_by_another_transaction(item_id, take=3):
        try:
            response = _reserve(item_id, 3, blocked=BLOCKED)
        except CheckFailure as failure:
            # checkkit's "Something blocked the event loop for 412 ms ...", in the learner's language
            found = re.search(r"(\d+) (?:ms|мс)\b", str(failure))
            if found is None:
                raise
            stalled = int(found.group(1))
    if stalled is not None:
        fail(
            _(
                "Something blocked the event loop for {ms} ms while {what} waited for the item's row, which "
                "another transaction held locked for {held} s. {advice}",
                ms=stalled,
                what=what,
                held=HELD,
                advice=SYNC_DRIVER,
            )
        )
    stock, quantities = _state(item_id)
    if response.status_code == 201 or len(quantities) > 1:
        fail(
            _(
                "Another transaction had locked the item's row and taken 3 of its {total} units; it "
                "committed {held} s later, leaving {left}. Your reservation of 3 more still "
                "succeeded ({what} answered {status_code}; reservations now {quantities}, stock "
                "{stock}): it read the stock before the other transaction committed, so {sold} units "
                "are sold from a stock of {total}, a lost update. A plain read does not wait for a "
                "locked row; `Item.objects.select_for_update().get(...)` does (inside "
                "`@transaction.atomic`), and then reads the stock the other transaction left.",
                total=STOCK,
                held=HELD,
                left=STOCK - 3,
                what=what,
                status_code=response.status_code,
                quantities=quantities,
                stock=stock,
                sold=sum(quantities),
            )
        )
    data = response_json(
        response,
        _(
            "{what} when only {left} are left",
            what=what,
            left=STOCK - 3,
        ),
        409,
    )
    if not (isinstance(data, dict) and isinstance(data.get("error"), str)) or (stock, quantities) != (STOCK - 3, [3]):
        fail(
            _(
                "{what} answered {data!r}, and the item has {stock} in stock, reservations "
                "{quantities}; expected an error message, {left} in stock and only the other "
                "transaction's reservation [3].",
                what=what,
                data=data,
                stock=stock,
                quantities=quantities,
                left=STOCK - 3,
            )
        )


@dataclass
class Seen:
    statuses: list[int] = field(default_factory=list)
    unexpected: bool = False  # a status other than 201 and 409 (a crash: serve_django explains it)


def test_concurrent_reservations_under_uvicorn() -> None:
    """10 reservations at once through uvicorn, 5 in stock: five 201, five 409, stock 0, loop never blocked"""
    _views()
    from django.core.handlers.asgi import ASGIHandler

    ids = _fresh_store()
    item_id = ids["Concert ticket"]
    path = f"/items/{item_id}/reserve/"
    app = RecordingApp(ASGIHandler(), heartbeat=True)
    seen = Seen()

    async def scenario(base: str) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=5, trust_env=False) as client:
            warm = await client.get("/items/")  # warm up: the pool opens, the URLconf loads
            if warm.status_code != 200:
                fail(
                    _(
                        "GET /items/ under uvicorn answered {status_code}: {body!r}",
                        status_code=warm.status_code,
                        body=warm.text[:200],
                    )
                )
            app.reset_measures()
            responses = await asyncio.gather(*(client.post(path, json={"quantity": 1}) for _request in range(REQUESTS)))
        seen.statuses = sorted(response.status_code for response in responses)
        seen.unexpected = any(response.status_code not in (201, 409) for response in responses)

    with serve_django(app) as base:  # it keeps Django's "Conflict: ..." line per 409 out of the report
        run_async(
            scenario(base),
            within=8,
            what=_(
                "{requests} reservations at once",
                requests=REQUESTS,
            ),
        )
        _judge_concurrent(seen, path, item_id, app)  # inside: a view's crash is added to the failure


def _judge_concurrent(seen: Seen, path: str, item_id: int, app: RecordingApp) -> None:
    stock, quantities = _state(item_id)
    if seen.unexpected:
        fail(
            _(
                "Under uvicorn, {requests} x POST {path} answered {statuses}; expected only 201 and 409.",
                requests=REQUESTS,
                path=path,
                statuses=seen.statuses,
            )
        )
    created = seen.statuses.count(201)
    if created != STOCK or stock != 0 or len(quantities) != STOCK:
        fail(
            _(
                "{requests} reservations of one unit at once, for {total} in stock: {created} "
                "answered 201 and {refused} answered 409; the item has {stock} left and "
                "{reservations} reservations. Expected exactly {total} successes, {expected_refused} "
                "x 409 and a stock of 0. Reservations that ran at the same moment read the same "
                "stock and each wrote it back minus one: lock the row with `select_for_update()` "
                "inside `@transaction.atomic`, so each waits for the one before.",
                requests=REQUESTS,
                total=STOCK,
                created=created,
                refused=seen.statuses.count(409),
                stock=stock,
                reservations=len(quantities),
                expected_refused=REQUESTS - STOCK,
            )
        )
    if app.max_gap > BLOCKED:
        fail(
            _(
                "While the {requests} reservations ran, something blocked the server's event loop "
                "for {ms:.0f} ms. {advice}",
                requests=REQUESTS,
                ms=app.max_gap * 1000,
                advice=SYNC_DRIVER,
            )
        )
