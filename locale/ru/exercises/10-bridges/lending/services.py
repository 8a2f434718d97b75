"""Правила выдачи книг в библиотеке: старый синхронный код, которым пользуются ещё и админка,
и ночная задача.

Оставьте его синхронным: он выполняет несколько запросов в одной транзакции, а асинхронных транзакций
в Django нет (`atomic()` в асинхронном коде выбрасывает SynchronousOnlyOperation, и в 5.2, и в 6.x).
Вызывайте его из асинхронного кода через `sync_to_async`, который выполнит его в потоке.
"""

from django.db import transaction
from django.db.models import F

from library.models import Book, Loan


class AlreadyBorrowed(Exception):
    """Книга выдана: она у кого-то, и её ещё не вернули."""


@transaction.atomic
def borrow_book(book_id: int, member: str) -> dict[str, object]:
    """Выдаёт книгу `book_id` читателю `member`; возвращает выдачу простыми данными (без ленивых
    объектов модели).

    Выбрасывает Book.DoesNotExist для неизвестной книги и AlreadyBorrowed, если книга уже выдана.
    """
    book = Book.objects.select_for_update().get(pk=book_id)  # блокирует строку (в SQLite ничего не делает)
    if book.loans.filter(returned=False).exists():
        raise AlreadyBorrowed(f"{book.title} is already borrowed")
    loan = Loan.objects.create(book=book, member=member)
    Book.objects.filter(pk=book.pk).update(times_borrowed=F("times_borrowed") + 1)
    return {"loan": loan.pk, "book": book.title, "member": member}
