# expect: async for book in
# expect-ru: async for book in
import csv
import io

from django.http import StreamingHttpResponse
from django.views.decorators.http import require_GET
from shop.models import Book


def csv_line(*values):
    """One CSV line, quoted where needed (a title may hold a comma), ending in a newline (done for you)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


async def book_lines():
    """The CSV: the header line, then one line per book (title, author's name, price), in id order."""
    yield csv_line("title", "author", "price")
    for book in Book.objects.select_related("author").order_by("id").aiterator():
        yield csv_line(book.title, book.author.name, book.price)


@require_GET
async def export_books(request):
    """GET /export.csv: every book as CSV, streamed; `X-Total-Count` says how many books there are."""
    response = StreamingHttpResponse(book_lines(), content_type="text/csv; charset=utf-8")
    response["X-Total-Count"] = str(await Book.objects.acount())
    return response
