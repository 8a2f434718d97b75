# expect: N+1 problem
# expect-ru: проблема N+1
from django.http import JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Author, Book


@require_GET
async def book_list(request):
    books = []
    async for book in Book.objects.order_by("title"):
        author = await Author.objects.aget(pk=book.author_id)  # one more query per book
        books.append({"title": book.title, "author": author.name, "price": str(book.price)})
    return JsonResponse({"books": books})


@require_GET
async def author_list(request):
    authors = []
    async for author in Author.objects.prefetch_related("books").order_by("name"):
        titles = sorted(book.title for book in author.books.all())
        authors.append({"name": author.name, "books": titles})
    return JsonResponse({"authors": authors})
