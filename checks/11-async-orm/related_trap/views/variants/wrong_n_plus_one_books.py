# expect: N+1 problem
# expect-ru: проблема N+1
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
    authors = []
    async for author in Author.objects.order_by("name"):
        titles = sorted([book.title async for book in author.books.all()])  # a query per author
        authors.append({"name": author.name, "books": titles})
    return JsonResponse({"authors": authors})
