# Оба представления переходят по связям лениво: `book.author` выполняет запрос на каждую книгу,
# а `author.books.all()` — на каждого автора. В асинхронном коде Django этого не допускает
# (SynchronousOnlyOperation), да и в любом случае это была бы проблема N+1. Вместо этого загрузите
# связанные строки заранее: `select_related` для автора книги, `prefetch_related` для книг автора.
# Не больше 2 запросов на представление. `tutor run`, затем curl /books/ и /authors/.
# Урок 11: Асинхронный ORM (`tutor lesson 11`)

from django.http import JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Author, Book


@require_GET
async def book_list(request):
    """GET /books/: {"books": [{"title": ..., "author": имя автора, "price": "9.50"}, ...]},
    все книги, по названию."""
    books = []
    async for book in Book.objects.select_related("author").order_by("title"):
        books.append({"title": book.title, "author": book.author.name, "price": str(book.price)})
    return JsonResponse({"books": books})


@require_GET
async def author_list(request):
    """GET /authors/: {"authors": [{"name": ..., "books": [названия его книг по алфавиту]}, ...]}, все
    авторы (включая тех, у кого нет книг), по имени."""
    authors = []
    async for author in Author.objects.prefetch_related("books").order_by("name"):
        titles = sorted(book.title for book in author.books.all())
        authors.append({"name": author.name, "books": titles})
    return JsonResponse({"authors": authors})
