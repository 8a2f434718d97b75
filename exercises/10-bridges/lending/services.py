"""The library's lending rules: old, synchronous code that the admin and a nightly job use too.

Keep it synchronous: it runs several queries in one transaction, and Django has no async
transactions (`atomic()` in async code raises SynchronousOnlyOperation, in 5.2 and 6.x alike).
Call it from async code with `sync_to_async`, which runs it in a thread.
"""

from django.db import transaction
from django.db.models import F

from library.models import Book, Loan


class AlreadyBorrowed(Exception):
    """The book is out: someone has it and has not returned it yet."""


@transaction.atomic
def borrow_book(book_id: int, member: str) -> dict[str, object]:
    """Lend book `book_id` to `member`; return the loan as plain data (no lazy model objects).

    Raises Book.DoesNotExist for an unknown book and AlreadyBorrowed when it is out.
    """
    book = Book.objects.select_for_update().get(pk=book_id)  # locks the row (a no-op on SQLite)
    if book.loans.filter(returned=False).exists():
        raise AlreadyBorrowed(f"{book.title} is already borrowed")
    loan = Loan.objects.create(book=book, member=member)
    Book.objects.filter(pk=book.pk).update(times_borrowed=F("times_borrowed") + 1)
    return {"loan": loan.pk, "book": book.title, "member": member}
