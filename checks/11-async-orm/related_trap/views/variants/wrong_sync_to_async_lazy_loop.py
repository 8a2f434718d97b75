# expect: N+1 problem
# expect-ru: проблема N+1
from asgiref.sync import sync_to_async
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Author, Book


def books_as_json():
    # Runs in a thread, so no SynchronousOnlyOperation: but still one query per book.
    return [
        {"title": book.title, "author": book.author.name, "price": str(book.price)}
        for book in Book.objects.order_by("title")
    ]


@require_GET
async def book_list(request):
    return JsonResponse({"books": await sync_to_async(books_as_json)()})


@require_GET
async def author_list(request):
    authors = []
    async for author in Author.objects.prefetch_related("books").order_by("name"):
        titles = sorted(book.title for book in author.books.all())
        authors.append({"name": author.name, "books": titles})
    return JsonResponse({"authors": authors})
