# expect: plain `def` view
# expect-ru: обычное представление на `def`
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Author, Book


@require_GET
def book_list(request):
    """GET /books/: {"books": [{"title": ..., "author": the author's name, "price": "9.50"}, ...]},
    every book, ordered by title."""
    books = []
    for book in Book.objects.select_related("author").order_by("title"):
        books.append({"title": book.title, "author": book.author.name, "price": str(book.price)})
    return JsonResponse({"books": books})


@require_GET
def author_list(request):
    """GET /authors/: {"authors": [{"name": ..., "books": [their titles, sorted]}, ...]}, every
    author (also those without books), ordered by name."""
    authors = []
    for author in Author.objects.prefetch_related("books").order_by("name"):
        titles = sorted(book.title for book in author.books.all())
        authors.append({"name": author.name, "books": titles})
    return JsonResponse({"authors": authors})
