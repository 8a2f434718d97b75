# Another correct answer: `.values()` rows, `afirst()` for the lookups, and the stats gathered (correct,
# though not faster: one request's ORM calls still run one after another on its one thread).
import asyncio
import json
from decimal import Decimal

from django.http import JsonResponse
from django.views.decorators.http import require_GET, require_POST
from shop.models import Author, Book

FIELDS = ("id", "title", "author", "price", "stock")


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
    rows = Book.objects.order_by("id").values(*FIELDS)
    return JsonResponse({"books": [dict(row, price=str(row["price"])) async for row in rows]})


@require_GET
async def book_detail(request, pk):
    book = await Book.objects.filter(pk=pk).afirst()
    if book is None:
        return JsonResponse({"error": "no such book"}, status=404)
    return JsonResponse(book_json(book))


@require_POST
async def book_create(request):
    data = json.loads(request.body)
    if not await Author.objects.filter(pk=data["author"]).aexists():
        return JsonResponse({"error": "no such author"}, status=404)
    book = await Book.objects.acreate(
        author_id=data["author"],
        title=data["title"],
        price=Decimal(str(data["price"])),
        stock=data.get("stock", 0),
    )
    return JsonResponse(book_json(book), status=201)


@require_GET
async def shop_stats(request):
    books, authors, sold_out, cheapest = await asyncio.gather(
        Book.objects.acount(),
        Author.objects.acount(),
        Book.objects.filter(stock=0).aexists(),
        Book.objects.order_by("price", "id").values_list("title", flat=True).afirst(),
    )
    return JsonResponse({"books": books, "authors": authors, "sold_out": sold_out, "cheapest": cheapest})
