# Another correct answer: the authors read with `aiterator()`, and their books loaded afterwards with
# `aprefetch_related_objects` and a `Prefetch` that orders them (both in Django 5.2 and 6.x).
from django.db.models import Prefetch, aprefetch_related_objects
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Author, Book


@require_GET
async def book_list(request):
    books = Book.objects.select_related("author").order_by("title")
    return JsonResponse(
        {"books": [{"title": b.title, "author": b.author.name, "price": str(b.price)} async for b in books]}
    )


@require_GET
async def author_list(request):
    ordered = Prefetch("books", queryset=Book.objects.order_by("title"))
    authors = [author async for author in Author.objects.order_by("name").aiterator(chunk_size=100)]
    await aprefetch_related_objects(authors, ordered)
    return JsonResponse(
        {"authors": [{"name": a.name, "books": [book.title for book in a.books.all()]} for a in authors]}
    )
