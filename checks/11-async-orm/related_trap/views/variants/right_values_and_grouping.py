# Another correct answer: `.values()` rows across the relation (a JOIN, no model instances), and the
# authors' books grouped in Python from one query of (author id, title) pairs.
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Author, Book


@require_GET
async def book_list(request):
    rows = Book.objects.order_by("title").values("title", "author__name", "price")
    books = [{"title": row["title"], "author": row["author__name"], "price": str(row["price"])} async for row in rows]
    return JsonResponse({"books": books})


@require_GET
async def author_list(request):
    titles = {}
    async for author_id, title in Book.objects.values_list("author_id", "title"):
        titles.setdefault(author_id, []).append(title)
    authors = [
        {"name": author.name, "books": sorted(titles.get(author.id, []))}
        async for author in Author.objects.order_by("name")
    ]
    return JsonResponse({"authors": authors})
