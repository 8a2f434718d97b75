# expect: never awaited
# expect-ru: не дождались результата через `await`
from django.db.models import aprefetch_related_objects
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Author, Book


@require_GET
async def book_list(request):
    books = []
    async for book in Book.objects.select_related("author").order_by("title"):
        books.append({"title": book.title, "author": book.author.name, "price": str(book.price)})
    return JsonResponse({"books": books})


@require_GET
async def author_list(request):
    authors = [author async for author in Author.objects.order_by("name")]
    aprefetch_related_objects(authors, "books")
    return JsonResponse(
        {"authors": [{"name": a.name, "books": sorted(b.title for b in a.books.all())} for a in authors]}
    )
