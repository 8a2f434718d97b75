# Both views follow a relation lazily: `book.author` runs a query per book, and so does
# `author.books.all()` per author. In async code Django refuses that (SynchronousOnlyOperation), and
# it would be the N+1 problem anyway. Load the related rows up front instead: `select_related` for
# the book's author, `prefetch_related` for an author's books. At most 2 queries per view.
# `tutor run`, then curl /books/ and /authors/.
# Lesson 11: The async ORM (`tutor lesson 11`)

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
    async for author in Author.objects.order_by("name"):
        titles = sorted(book.title for book in author.books.all())
        authors.append({"name": author.name, "books": titles})
    return JsonResponse({"authors": authors})
