"""Checks for lesson 11, exercise `related_trap/views.py`: related objects loaded up front, in few queries."""

from __future__ import annotations

import os
import traceback
from typing import Any

from tutor.checkkit import (
    SyncToAsyncSpy,
    _,
    django_project,
    django_request,
    explain_sync_only,
    fail,
    load_exercise,
    require_async_view,
    response_json,
)

MAX_QUERIES = 2  # select_related: 1 query; prefetch_related: 2


# --- helpers (local to this check) --------------------------------------------------------
def _views() -> Any:
    """The project set up on its own fresh database, then the learner's views.py."""
    django_project()
    return load_exercise()


def _call(path: str, lazy_hint: str) -> tuple[Any, int, SyncToAsyncSpy]:
    """GET `path`; return the response, the number of queries it ran and the spy that saw its `sync_to_async`
    wrappers (asserted after the query count: N+1 queries through a wrapper are the first thing to fix)."""
    from django.core.exceptions import SynchronousOnlyOperation
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def explain(exc: BaseException, what: str, where: str) -> str | None:
        """A sync query in the view, unless on a lazy relation (explained well already), gets the hint."""
        if not isinstance(exc, SynchronousOnlyOperation):
            return None
        said = explain_sync_only(exc, what)
        # explain_sync_only names a lazy relation (its frames go through related_descriptors.py) unless the
        # error came from a transaction or from auth: checked on the frames, so it holds in every language.
        files = [frame.filename.replace(os.sep, "/") for frame in traceback.extract_tb(exc.__traceback__)]
        other = ("django/db/transaction.py", "contrib/auth/middleware.py", "contrib/auth/__init__.py")
        lazy = any(name.endswith("fields/related_descriptors.py") for name in files) and not any(
            name.endswith(other) for name in files
        )
        return None if lazy else f"{said} {lazy_hint}"

    # CaptureQueriesContext is entered in sync code: the async ORM's queries run on this thread's
    # connection (see run_django).
    with SyncToAsyncSpy() as spy, CaptureQueriesContext(connection) as queries:
        response = django_request("GET", path, explain=explain)
    return response, len(queries.captured_queries), spy


def _fresh_shop() -> None:
    """Replace the shop's data: 5 authors (one without books) and 20 books, added in shuffled order."""
    from decimal import Decimal

    from django.db import transaction
    from shop.models import Author, Book, Order

    names = ["Mary Shelley", "Charles Dickens", "Jane Austen", "Zora Neale Hurston", "Anne Brontë"]
    with transaction.atomic():  # one commit: every commit costs a disk sync
        Order.objects.all().delete()
        Book.objects.all().delete()
        Author.objects.all().delete()
        authors = [Author.objects.create(name=name) for name in names]
        Book.objects.bulk_create(
            Book(
                author=authors[(n * 3) % 4],  # authors 0-3 get books; "Anne Brontë" (4) gets none
                title=f"Volume {(n * 7) % 20:02d}",
                price=Decimal(f"{5 + n % 7}.{(n * 13) % 100:02d}"),
                stock=n % 5,
            )
            for n in range(20)
        )


def _check_queries(what: str, count: int, spy: SyncToAsyncSpy, rows: int, kind: str, fix: str) -> None:
    if count > MAX_QUERIES:
        if kind == "books":
            message = _(
                "{what} ran {count} queries for {rows} books: one for the list, then one more per row. This is the "
                "N+1 problem: the view gets slower with every row, and on a real database server each query is a "
                "network round trip. {fix}",
                what=what,
                count=count,
                rows=rows,
                fix=fix,
            )
        else:
            message = _(
                "{what} ran {count} queries for {rows} authors: one for the list, then one more per row. This is "
                "the N+1 problem: the view gets slower with every row, and on a real database server each query is "
                "a network round trip. {fix}",
                what=what,
                count=count,
                rows=rows,
                fix=fix,
            )
        fail(message)
    spy.assert_native_orm(what)
    if count == 0:
        fail(
            _(
                "The check saw no database query on the request's own connection while {what} ran. Did you run the "
                "queries in another thread (`thread_sensitive=False`)? Use the native async ORM: `async for` over "
                "the queryset.",
                what=what,
            )
        )


# --- the checks -----------------------------------------------------------------------------


def test_views_are_async() -> None:
    """both views are `async def` views"""
    views = _views()
    for name in ("book_list", "author_list"):
        view = getattr(views, name, None)
        if view is None:
            fail(_("views.py has no `{name}`: urls.py routes a URL to it. Keep the view names.", name=name))
        require_async_view(view, name)


def test_books_with_their_authors() -> None:
    """GET /books/ lists 20 books with their authors' names, in at most 2 queries"""
    _views()
    from shop.models import Book

    _fresh_shop()
    expected = [
        {"title": book.title, "author": book.author.name, "price": str(book.price)}
        for book in Book.objects.select_related("author").order_by("title")
    ]
    hint = _('Load the authors with the books: `Book.objects.select_related("author")`.')
    response, count, spy = _call("/books/", hint)
    data = response_json(response, "GET /books/")
    books = data.get("books") if isinstance(data, dict) else None
    if books != expected:
        fail(
            _(
                "GET /books/ answered {{'books': {books!r}}}; expected {expected!r} (every book, ordered by title, "
                "with its author's name and its price as a string).",
                books=books,
                expected=expected,
            )
        )
    fix = _(
        'Load each book\'s author in the same query with `Book.objects.select_related("author")`: one query '
        "(a JOIN) however many books there are."
    )
    _check_queries("GET /books/", count, spy, len(expected), "books", fix)


def test_authors_with_their_books() -> None:
    """GET /authors/ lists every author with the titles of their books, in at most 2 queries"""
    _views()
    from shop.models import Author

    _fresh_shop()
    expected = [
        {"name": author.name, "books": sorted(book.title for book in author.books.all())}
        for author in Author.objects.prefetch_related("books").order_by("name")
    ]
    hint = _(
        "Here it is `author.books.all()`, which is a new query for every author: "
        '`Author.objects.prefetch_related("books")` loads the books of all the authors in one more query, '
        "and `author.books.all()` then reads them from memory."
    )
    response, count, spy = _call("/authors/", hint)
    data = response_json(response, "GET /authors/")
    authors = data.get("authors") if isinstance(data, dict) else None
    if authors != expected:
        fail(
            _(
                "GET /authors/ answered {{'authors': {authors!r}}}; expected {expected!r} (every author, also one "
                "without books, ordered by name, with the sorted titles of their books).",
                authors=authors,
                expected=expected,
            )
        )
    fix = _(
        'Load the books of all the authors at once with `Author.objects.prefetch_related("books")`: two queries '
        "(the authors, then every book of those authors) however many authors there are."
    )
    _check_queries("GET /authors/", count, spy, len(expected), "authors", fix)
