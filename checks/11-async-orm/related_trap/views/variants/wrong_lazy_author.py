# expect: followed a relation that was not loaded yet
# expect-ru: обращение к связи, которая ещё не загружена
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Author, Book


@require_GET
async def book_list(request):
    """GET /books/: {"books": [{"title": ..., "author": the author's name, "price": "9.50"}, ...]},
    every book, ordered by title."""
    books = []
    async for book in Book.objects.order_by("title"):
        books.append({"title": book.title, "author": book.author.name, "price": str(book.price)})
    return JsonResponse({"books": books})


@require_GET
async def author_list(request):
    """GET /authors/: {"authors": [{"name": ..., "books": [their titles, sorted]}, ...]}, every
    author (also those without books), ordered by name."""
    authors = []
    async for author in Author.objects.prefetch_related("books").order_by("name"):
        titles = sorted(book.title for book in author.books.all())
        authors.append({"name": author.name, "books": titles})
    return JsonResponse({"authors": authors})
