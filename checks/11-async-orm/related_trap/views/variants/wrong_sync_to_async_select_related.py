# expect: native async ORM
# expect-ru: родной асинхронный ORM
from asgiref.sync import sync_to_async
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Author, Book


@require_GET
async def book_list(request):
    books = await sync_to_async(list)(Book.objects.select_related("author").order_by("title"))
    return JsonResponse({"books": [{"title": b.title, "author": b.author.name, "price": str(b.price)} for b in books]})


@require_GET
async def author_list(request):
    authors = []
    async for author in Author.objects.prefetch_related("books").order_by("name"):
        titles = sorted(book.title for book in author.books.all())
        authors.append({"name": author.name, "books": titles})
    return JsonResponse({"authors": authors})
