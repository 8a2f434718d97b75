# expect: native async ORM
# expect-ru: родной асинхронный ORM
import json
from decimal import Decimal

from asgiref.sync import sync_to_async
from django.http import Http404, JsonResponse
from django.shortcuts import aget_object_or_404
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
    books = [book_json(book) async for book in Book.objects.order_by("id")]
    return JsonResponse({"books": books})


@require_GET
async def book_detail(request, pk):
    try:
        book = await sync_to_async(Book.objects.get)(pk=pk)
    except Book.DoesNotExist:
        raise Http404("no such book") from None
    return JsonResponse(book_json(book))


@require_POST
async def book_create(request):
    data = json.loads(request.body)
    author = await aget_object_or_404(Author, pk=data["author"])
    book = await Book.objects.acreate(
        author=author, title=data["title"], price=Decimal(str(data["price"])), stock=data.get("stock", 0)
    )
    return JsonResponse(book_json(book), status=201)


@require_GET
async def shop_stats(request):
    cheapest = await Book.objects.order_by("price", "id").afirst()
    return JsonResponse(
        {
            "books": await Book.objects.acount(),
            "authors": await Author.objects.acount(),
            "sold_out": await Book.objects.filter(stock=0).aexists(),
            "cheapest": cheapest.title if cheapest else None,
        }
    )
