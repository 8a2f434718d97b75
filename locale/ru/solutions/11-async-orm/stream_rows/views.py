# Выгрузите все книги в CSV по частям: строка заголовка `title,author,price`, затем по строке на книгу
# (в порядке id) и заголовок `X-Total-Count` с числом книг. Код ниже — из эпохи WSGI: синхронный генератор
# поверх синхронного ORM; такой генератор Django под ASGI целиком собирает в потоке до первой строки ответа.
# Сделайте `book_lines` асинхронным генератором поверх `aiterator()` (кусками, не держа всю таблицу в памяти),
# загружайте автора вместе с книгой, считайте через `acount()`. `tutor run`, затем `curl -N` для экспорта.
# Урок 11: Асинхронный ORM (`tutor lesson 11`)

import csv
import io

from django.http import StreamingHttpResponse
from django.views.decorators.http import require_GET
from shop.models import Book


def csv_line(*values):
    """Одна строка CSV, с кавычками, где нужно (в названии может быть запятая), и переводом строки в конце (уже готово)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


async def book_lines():
    """CSV: строка заголовка, затем по строке на книгу (название, имя автора, цена) в порядке id."""
    yield csv_line("title", "author", "price")
    async for book in Book.objects.select_related("author").order_by("id").aiterator():
        yield csv_line(book.title, book.author.name, book.price)


@require_GET
async def export_books(request):
    """GET /export.csv: все книги в CSV, по частям; `X-Total-Count` сообщает, сколько всего книг."""
    response = StreamingHttpResponse(book_lines(), content_type="text/csv; charset=utf-8")
    response["X-Total-Count"] = str(await Book.objects.acount())
    return response
