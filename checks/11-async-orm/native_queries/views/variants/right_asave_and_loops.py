# Another correct answer: explicit `async for` loops, `aget` with its own 404, and `asave()` (Django 4.2+).
import json
from decimal import Decimal

from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET, require_POST
from shop.models import Author, Book


def book_json(book):
    return {
        "id": book.id,
        "title": book.title,
        "author": book.author_id,
        "price": str(book.price),
        "stock": book.stock,
    }


@require_GET
async def book_list(request):
    books = []
    async for book in Book.objects.order_by("id"):
        books.append(book_json(book))
    return JsonResponse({"books": books})


@require_GET
async def book_detail(request, pk):
    try:
        book = await Book.objects.aget(pk=pk)
    except Book.DoesNotExist:
        raise Http404("no such book") from None
    return JsonResponse(book_json(book))


@require_POST
async def book_create(request):
    data = json.loads(request.body)
    try:
        author = await Author.objects.aget(pk=data["author"])
    except Author.DoesNotExist:
        return JsonResponse({"error": "no such author"}, status=404)
    book = Book(author=author, title=data["title"], price=Decimal(str(data["price"])), stock=data.get("stock", 0))
    await book.asave()
    return JsonResponse(book_json(book), status=201)


@require_GET
async def shop_stats(request):
    books = await Book.objects.acount()
    authors = await Author.objects.acount()
    sold_out = await Book.objects.filter(stock=0).aexists()
    cheapest = await Book.objects.order_by("price", "id").afirst()
    return JsonResponse(
        {"books": books, "authors": authors, "sold_out": sold_out, "cheapest": cheapest and cheapest.title}
    )
