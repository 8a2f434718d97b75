# Эти JSON-представления писались для WSGI: они вызывают ORM синхронно, а внутри `async def` Django
# этого не допускает (SynchronousOnlyOperation). Перепишите каждое обращение к базе данных на родном
# асинхронном ORM: `async for` (или генератор списка с ним), `aget_object_or_404`, `acreate`, `acount`,
# `aexists`, `afirst`. URL, JSON и коды статусов оставьте как есть.
# `tutor run` запускает проект: вызовите curl для URL, которые он печатает, и прочитайте трейсбек в логе сервера.
# Урок 11: Асинхронный ORM (`tutor lesson 11`)

import json
from decimal import Decimal

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_POST
from shop.models import Author, Book


def book_json(book):
    """Одна книга в виде словаря, готового для JSON (без обращения к базе: `author_id` — столбец строки книги)."""
    return {
        "id": book.id,
        "title": book.title,
        "author": book.author_id,
        "price": str(book.price),
        "stock": book.stock,
    }


@require_GET
async def book_list(request):
    """GET /books/: {"books": [все книги в порядке id]}."""
    books = [book_json(book) for book in Book.objects.order_by("id")]
    return JsonResponse({"books": books})


@require_GET
async def book_detail(request, pk):
    """GET /books/<pk>/: одна книга или 404, если такой книги нет."""
    book = get_object_or_404(Book, pk=pk)
    return JsonResponse(book_json(book))


@require_POST
async def book_create(request):
    """POST /books/new/ с {"author": 1, "title": "...", "price": "9.99", "stock": 3}:
    201 и новая книга; 404, если такого автора нет."""
    data = json.loads(request.body)
    author = get_object_or_404(Author, pk=data["author"])
    book = Book.objects.create(
        author=author,
        title=data["title"],
        price=Decimal(str(data["price"])),
        stock=data.get("stock", 0),
    )
    return JsonResponse(book_json(book), status=201)


@require_GET
async def shop_stats(request):
    """GET /stats/: сколько книг и авторов, распродана ли хоть одна книга (stock 0) и название
    самой дешёвой книги (при равных ценах — с наименьшим id; None, если книг нет)."""
    cheapest = Book.objects.order_by("price", "id").first()
    return JsonResponse(
        {
            "books": Book.objects.count(),
            "authors": Author.objects.count(),
            "sold_out": Book.objects.filter(stock=0).exists(),
            "cheapest": cheapest.title if cheapest else None,
        }
    )
