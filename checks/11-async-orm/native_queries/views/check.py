"""Checks for lesson 11, exercise `native_queries/views.py`: JSON views on the native async ORM."""

from __future__ import annotations

from typing import Any

from tutor.checkkit import _, django_project, django_request, fail, load_exercise, require_async_view, response_json


# --- helpers (local to this check) --------------------------------------------------------
def _views() -> Any:
    """The project set up on its own fresh database, then the learner's views.py."""
    django_project()
    return load_exercise()


def _call(method: str, path: str, body: Any = None) -> Any:
    """One request to the learner's views, on the native async ORM (no `sync_to_async` of their own)."""
    return django_request(method, path, json_body=body, native_orm=True)


def _fresh_shop() -> dict[str, Any]:
    """Replace the shop's data with a small known set (sync code, on the check's own connection)."""

    from django.db import transaction
    from shop.models import Author, Book, Order

    with transaction.atomic():  # one commit: every commit costs a disk sync
        Order.objects.all().delete()
        Book.objects.all().delete()
        Author.objects.all().delete()
        return _add_books()


def _add_books() -> dict[str, Any]:
    from decimal import Decimal

    from shop.models import Author, Book

    ada = Author.objects.create(name="Ada Lovelace")
    mary = Author.objects.create(name="Mary Shelley")
    Author.objects.create(name="Nobody Yet")
    books = [
        Book.objects.create(author=mary, title="Frankenstein", price=Decimal("7.90"), stock=8),
        Book.objects.create(author=ada, title="Sketch of the Analytical Engine", price=Decimal("4.50"), stock=0),
        Book.objects.create(author=mary, title="The Last Man", price=Decimal("4.50"), stock=3),
        Book.objects.create(author=mary, title="Mathilda", price=Decimal("6.20"), stock=5),
    ]
    return {"ada": ada, "mary": mary, "books": books}


def _as_json(book: Any) -> dict[str, Any]:
    return {
        "id": book.id,
        "title": book.title,
        "author": book.author_id,
        "price": str(book.price),
        "stock": book.stock,
    }


# --- the checks -----------------------------------------------------------------------------


def test_views_are_async() -> None:
    """the four views are `async def` views"""
    views = _views()
    for name in ("book_list", "book_detail", "book_create", "shop_stats"):
        view = getattr(views, name, None)
        if view is None:
            fail(_("views.py has no `{name}`: urls.py routes a URL to it. Keep the four view names.", name=name))
        require_async_view(view, name)


def test_book_list() -> None:
    """GET /books/ lists every book in id order"""
    _views()
    from shop.models import Book

    _fresh_shop()
    expected = [_as_json(book) for book in Book.objects.order_by("id")]
    data = response_json(_call("GET", "/books/"), "GET /books/", 200)
    books = data.get("books") if isinstance(data, dict) else None
    if books != expected:
        fail(
            _(
                "GET /books/ answered {{'books': {books!r}}}; expected {expected!r} (every book, in id order, "
                "each as `book_json(book)`). Collect them with `[book_json(book) async for book in "
                'Book.objects.order_by("id")]`.',
                books=books,
                expected=expected,
            )
        )


def test_book_detail_and_404() -> None:
    """GET /books/<pk>/ answers one book, and 404 for a book that does not exist"""
    _views()
    shop = _fresh_shop()
    book = shop["books"][2]
    data = response_json(_call("GET", f"/books/{book.id}/"), f"GET /books/{book.id}/", 200)
    if data != _as_json(book):
        fail(
            _(
                "GET /books/{id}/ answered {data!r}; expected {expected!r}.",
                id=book.id,
                data=data,
                expected=_as_json(book),
            )
        )
    missing = max(b.id for b in shop["books"]) + 100
    response = _call("GET", f"/books/{missing}/")
    if response.status_code != 404:
        fail(
            _(
                "GET /books/{missing}/ (no such book) answered {status}; expected 404. "
                "`await aget_object_or_404(Book, pk=pk)` answers 404 when the book does not exist.",
                missing=missing,
                status=response.status_code,
            )
        )


def test_book_create() -> None:
    """POST /books/new/ creates the book (201), and answers 404 for an unknown author"""
    _views()
    from shop.models import Book

    shop = _fresh_shop()
    ada = shop["ada"]
    body = {"author": ada.id, "title": "Notes on the Engine", "price": "3.75", "stock": 2}
    data = response_json(_call("POST", "/books/new/", body), "POST /books/new/", 201)
    saved = Book.objects.filter(title="Notes on the Engine").first()
    if saved is None:
        fail(
            _(
                "POST /books/new/ answered 201 with {data!r}, but the database has no book titled 'Notes on the "
                "Engine'. Create it with `await Book.objects.acreate(...)` (or build it and `await book.asave()`).",
                data=data,
            )
        )
    if (saved.author_id, str(saved.price), saved.stock) != (ada.id, "3.75", 2):
        fail(
            _(
                "The new book was saved with author={author}, price={price}, stock={stock}; "
                "expected author={expected_author}, price=3.75, stock=2, as sent in the request.",
                author=saved.author_id,
                price=saved.price,
                stock=saved.stock,
                expected_author=ada.id,
            )
        )
    if data != _as_json(saved):
        fail(
            _(
                "POST /books/new/ answered {data!r}; expected the new book, {expected!r}.",
                data=data,
                expected=_as_json(saved),
            )
        )
    before = Book.objects.count()
    missing = max(shop["ada"].id, shop["mary"].id) + 100
    body = {"author": missing, "title": "Ghost", "price": "1.00", "stock": 1}
    response = _call("POST", "/books/new/", body)
    if response.status_code != 404:
        fail(
            _(
                "POST /books/new/ with an author that does not exist answered {status}; expected 404. "
                "Look the author up with `await aget_object_or_404(Author, pk=data['author'])` first.",
                status=response.status_code,
            )
        )
    if Book.objects.count() != before:
        fail(
            _(
                "POST /books/new/ with an unknown author answered 404 but still created a book. "
                "Look the author up first."
            )
        )


def test_shop_stats() -> None:
    """GET /stats/ counts books and authors, knows about sold-out books and finds the cheapest"""
    _views()
    from django.db import transaction
    from shop.models import Author, Book, Order

    _fresh_shop()
    expected = {"books": 4, "authors": 3, "sold_out": True, "cheapest": "Sketch of the Analytical Engine"}
    data = response_json(_call("GET", "/stats/"), "GET /stats/", 200)
    if data != expected:
        fail(
            _(
                "GET /stats/ answered {data!r}; expected {expected!r}. Two books share the lowest price: the "
                'one with the lower id wins (`order_by("price", "id")`, then `afirst()`).',
                data=data,
                expected=expected,
            )
        )
    Book.objects.update(stock=1)
    data = response_json(_call("GET", "/stats/"), "GET /stats/", 200)
    if not isinstance(data, dict) or data.get("sold_out") is not False:
        fail(
            _(
                "With every book in stock, GET /stats/ answered {data!r}; 'sold_out' must be false. "
                "`await Book.objects.filter(stock=0).aexists()` says whether any book is sold out.",
                data=data,
            )
        )
    with transaction.atomic():
        Order.objects.all().delete()
        Book.objects.all().delete()
        Author.objects.all().delete()
    expected = {"books": 0, "authors": 0, "sold_out": False, "cheapest": None}
    data = response_json(_call("GET", "/stats/"), _("GET /stats/ (empty shop)"), 200)
    if data != expected:
        fail(
            _(
                "With no books at all, GET /stats/ answered {data!r}; expected {expected!r}. `afirst()` gives "
                "None on an empty queryset: answer None for 'cheapest' then.",
                data=data,
                expected=expected,
            )
        )
