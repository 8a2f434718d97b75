"""Checks for lesson 11, exercise `stream_rows/views.py`: a CSV export streamed from an async iterator."""

from __future__ import annotations

import csv
import io
import threading
import warnings
from typing import Any

import httpx
import pytest

from tutor.checkkit import (
    RecordingApp,
    _,
    django_project,
    django_request,
    fail,
    load_exercise,
    require_async_view,
    run_async,
    serve_django,
)

BLOCKED = 0.25  # a stall of the event loop above this (in seconds) means something blocked it
MANY = 2100  # more books than one chunk of `aiterator()` (2000 by default), so reading takes two chunks
HEADER = ["title", "author", "price"]
SYNC_ITERATOR_WARNING = "must consume synchronous iterators"


# --- helpers (local to this check) --------------------------------------------------------
def _views() -> Any:
    """The project set up on its own fresh database, then the learner's views.py."""
    django_project()
    return load_exercise()


def _explain(exc: BaseException, what: str, where: str) -> str | None:
    """This exercise's words for `for` over `aiterator()` (None: django_request's standard ones)."""
    text = str(exc)
    if isinstance(exc, TypeError) and "async_generator" in text and "not iterable" in text:
        return _(
            "{what} failed with TypeError: {text}{where}. `aiterator()` gives an async iterator: read it "
            "with `async for book in ...aiterator():`, inside an `async def` generator.",
            what=what,
            text=text,
            where=where,
        )
    return None


def _fresh_shop(count: int) -> list[list[str]]:
    """Replace the shop's data with `count` books by three authors; return the expected CSV rows."""
    from decimal import Decimal

    from django.db import transaction
    from shop.models import Author, Book, Order

    titles = ["Moby-Dick; or, The Whale", 'The "Modern" Prometheus', "Silas Marner"]
    with transaction.atomic():  # one commit: every commit costs a disk sync
        Order.objects.all().delete()
        Book.objects.all().delete()
        Author.objects.all().delete()
        authors = [Author.objects.create(name=name) for name in ("Herman Melville", "Mary Shelley", "George Eliot")]
        Book.objects.bulk_create(
            Book(
                author=authors[n % 3],
                title=titles[n % 3] if n < 3 else f"Volume {n}",
                price=Decimal(f"{4 + n % 9}.{n % 100:02d}"),
                stock=n % 4,
            )
            for n in range(count)
        )
    return [
        [book.title, book.author.name, str(book.price)] for book in Book.objects.select_related("author").order_by("id")
    ]


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _first_difference(got: list[list[str]], expected: list[list[str]]) -> str:
    for number, (mine, theirs) in enumerate(zip(got, expected, strict=False), start=1):
        if mine != theirs:
            return _("line {number} is {mine!r}; expected {theirs!r}", number=number, mine=mine, theirs=theirs)
    return _("it has {got} lines; expected {expected}", got=len(got), expected=len(expected))


class _ReadGate:
    """Holds the database read of the second block of rows until the client has received a book's line.

    Code that streams reads a chunk, sends its lines, then reads the next chunk: the gate opens at once.
    Code that reads every row before sending anything waits here in vain: after 2 s the gate gives
    up, marks the response as buffered and lets it finish.
    """

    def __init__(self) -> None:
        self.line_arrived = threading.Event()
        self.buffered = False

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from django.db.models.sql import compiler

        original = compiler.cursor_iter
        gate = self

        def gated_cursor_iter(*args: Any, **kwargs: Any) -> Any:
            for index, rows in enumerate(original(*args, **kwargs)):
                if index == 1 and not gate.line_arrived.wait(2.0):
                    gate.buffered = True
                yield rows

        monkeypatch.setattr(compiler, "cursor_iter", gated_cursor_iter)


# --- the checks -----------------------------------------------------------------------------


def test_view_is_async() -> None:
    """export_books is an `async def` view"""
    views = _views()
    view = getattr(views, "export_books", None)
    if view is None:
        fail(_("views.py has no `export_books`: urls.py routes /export.csv to it. Keep the name."))
    require_async_view(view, "export_books")


def test_export_content() -> None:
    """GET /export.csv answers a streamed CSV of every book from an async iterator, with X-Total-Count"""
    _views()
    expected = [HEADER, *_fresh_shop(5)]
    what = "GET /export.csv"
    response = django_request("GET", "/export.csv", native_orm=True, read_stream=True, explain=_explain)
    if response.status_code != 200:
        fail(_("{what} answered {status}; expected 200.", what=what, status=response.status_code))
    if not getattr(response, "streaming", False):
        fail(
            _(
                "{what} answered a {kind}, which holds the whole body in memory before sending "
                "it. Return a `StreamingHttpResponse(book_lines(), content_type=...)`: it sends each line as "
                "the generator yields it.",
                what=what,
                kind=type(response).__name__,
            )
        )
    if not response.is_async:
        fail(
            _(
                "{what} streams from a synchronous iterator. Under ASGI Django cannot run it on the event loop: "
                'it collects the whole iterator in a thread first (with a warning, "StreamingHttpResponse '
                '{warning}..."), so nothing is streamed. Make `book_lines` an async generator '
                "(`async def` with `yield`) and read the books with `async for ... in queryset.aiterator()`.",
                what=what,
                warning=SYNC_ITERATOR_WARNING,
            )
        )
    content_type = response.headers.get("Content-Type", "")
    if not content_type.startswith("text/csv"):
        fail(
            _(
                "{what} has the content-type {content_type!r}; expected 'text/csv; charset=utf-8'.",
                what=what,
                content_type=content_type,
            )
        )
    total = response.headers.get("X-Total-Count")
    if total != "5":
        hint = " " + _("Did you forget `await` before `acount()`?") if total and "coroutine" in total else ""
        fail(
            _(
                "{what} sent X-Total-Count: {total!r} for 5 books; expected '5'.{hint}",
                what=what,
                total=total,
                hint=hint,
            )
        )
    rows = _rows(response.streamed.decode("utf-8", errors="replace"))
    if rows != expected:
        fail(
            _(
                "{what} gave a CSV where {difference}. The header line first, then one line "
                "per book in id order: `csv_line(book.title, book.author.name, book.price)`.",
                what=what,
                difference=_first_difference(rows, expected),
            )
        )


def test_streams_through_uvicorn(monkeypatch: pytest.MonkeyPatch) -> None:
    """served by uvicorn, 2100 books stream out while the rows are still being read, without blocking"""
    _views()
    from django.core.asgi import get_asgi_application

    expected = [HEADER, *_fresh_shop(MANY)]
    gate = _ReadGate()
    gate.install(monkeypatch)
    watch = RecordingApp(get_asgi_application(), heartbeat=True)
    lines: list[str] = []

    async def download(base: str) -> tuple[int, dict[str, str]]:
        async with (
            httpx.AsyncClient(timeout=5, trust_env=False) as client,
            client.stream("GET", f"{base}/export.csv") as response,
        ):
            async for line in response.aiter_lines():
                lines.append(line)
                if len(lines) == 2:  # the first book's line (after the header)
                    gate.line_arrived.set()
            return response.status_code, dict(response.headers)

    what = _("GET /export.csv (served by uvicorn)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # serve_django explains an error your code raised while serving when the block ends.
        with serve_django(watch) as base:
            try:
                status, headers = run_async(download(base), within=8, what=_("Streaming the export"))
            except httpx.HTTPError as exc:
                fail(
                    _(
                        "{what} broke off after {count} lines ({error}: {exc}).",
                        what=what,
                        count=len(lines),
                        error=type(exc).__name__,
                        exc=exc,
                    )
                )
            stalled = watch.stalled()  # while the server still runs: its heartbeat stops with it
    django_warned = [str(w.message) for w in caught if SYNC_ITERATOR_WARNING in str(w.message)]
    if django_warned:
        fail(
            _(
                'Django warned while serving /export.csv: "{warning}" Under ASGI it collected your '
                "whole synchronous iterator in a thread before sending the first line: nothing was streamed. "
                "Make `book_lines` an async generator (`async def` with `yield`, and `async for` over "
                "`queryset.aiterator()`).",
                warning=django_warned[0],
            )
        )
    if status != 200:
        fail(_("{what} answered {status}; expected 200.", what=what, status=status))
    rows = _rows("\n".join(lines))
    if rows != expected:
        fail(
            _(
                "{what} gave a CSV where {difference}.",
                what=what,
                difference=_first_difference(rows, expected),
            )
        )
    if gate.buffered:
        fail(
            _(
                "No book's line had reached the client when your code asked the database for the rows after the "
                "first block: every one of the {many} rows was read before the first line went out. `async for "
                "book in queryset` (or a list of them) loads the whole result into memory first; "
                "`queryset.aiterator()` reads it in chunks (2000 rows by default) and your generator yields the "
                "lines of each chunk before the next is read.",
                many=MANY,
            )
        )
    if stalled > BLOCKED:
        fail(
            _(
                "Something blocked the server's event loop for {ms:.0f} ms while the export "
                "streamed: no other request could move meanwhile. Is there a blocking call (`time.sleep`, a sync "
                "query) in your view or your generator? Await instead.",
                ms=stalled * 1000,
            )
        )
    total = headers.get("x-total-count")
    if total != str(MANY):
        hint = " " + _("Did you forget `await` before `acount()`?") if total and "coroutine" in total else ""
        fail(
            _(
                "{what} sent X-Total-Count: {total!r} for {many} books; expected '{many}'.{hint}",
                what=what,
                total=total,
                many=MANY,
                hint=hint,
            )
        )
