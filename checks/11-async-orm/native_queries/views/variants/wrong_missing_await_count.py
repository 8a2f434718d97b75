# expect: did you forget `await`
# expect-ru: вы забыли `await`
import json
from decimal import Decimal

from django.http import JsonResponse
from django.shortcuts import aget_object_or_404
from django.views.decorators.http import require_GET, require_POST
from shop.models import Author, Book


def book_json(book):
    """One book as a JSON-ready dict (no database access: `author_id` is a column of the book's row)."""
    return {
        "id": book.id,
        "title": book.title,
        "author": book.author_id,
        "price": str(book.price),
        "stock": book.stock,
    }


@require_GET
async def book_list(request):
    """GET /books/: {"books": [every book, in id order]}."""
    books = [book_json(book) async for book in Book.objects.order_by("id")]
    return JsonResponse({"books": books})


@require_GET
async def book_detail(request, pk):
    """GET /books/<pk>/: one book, or 404 when there is no such book."""
    book = await aget_object_or_404(Book, pk=pk)
    return JsonResponse(book_json(book))


@require_POST
async def book_create(request):
    """POST /books/new/ with {"author": 1, "title": "...", "price": "9.99", "stock": 3}:
    201 and the new book; 404 when there is no such author."""
    data = json.loads(request.body)
    author = await aget_object_or_404(Author, pk=data["author"])
    book = await Book.objects.acreate(
        author=author,
        title=data["title"],
        price=Decimal(str(data["price"])),
        stock=data.get("stock", 0),
    )
    return JsonResponse(book_json(book), status=201)


@require_GET
async def shop_stats(request):
    """GET /stats/: how many books and authors, whether any book is sold out (stock 0), and the
    title of the cheapest book (the lowest id among equal prices; None when there are no books)."""
    cheapest = await Book.objects.order_by("price", "id").afirst()
    return JsonResponse(
        {
            "books": Book.objects.acount(),
            "authors": await Author.objects.acount(),
            "sold_out": await Book.objects.filter(stock=0).aexists(),
            "cheapest": cheapest.title if cheapest else None,
        }
    )
