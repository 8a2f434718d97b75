# Коллега сделал представление `borrow` асинхронным, и теперь оно падает с SynchronousOnlyOperation.
# Оставьте синхронную функцию `services.borrow_book` (несколько запросов в одной транзакции) и правильно
# вызовите её из этого асинхронного представления. POST /books/<id>/borrow с `member=...` отвечает 201
# со словарём от функции, 404 для неизвестной книги, 409, если книга уже выдана.
# Урок 10: Мосты между синхронным и асинхронным кодом (`tutor lesson 10`)

from django.http import JsonResponse

import services
from library.models import Book


async def borrow(request, book_id):
    """POST /books/<book_id>/borrow (поле формы `member`): выдать книгу этому читателю."""
    if request.method != "POST":
        return JsonResponse({"error": "use POST"}, status=405)
    member = request.POST.get("member", "").strip()
    if not member:
        return JsonResponse({"error": "say who borrows it: member=..."}, status=400)
    try:
        # TODO: синхронная функция, полная запросов к базе, вызвана прямо из асинхронного кода: Django откажется.
        loan = services.borrow_book(book_id, member)
    except Book.DoesNotExist:
        return JsonResponse({"error": f"no book {book_id}"}, status=404)
    except services.AlreadyBorrowed as error:
        return JsonResponse({"error": str(error)}, status=409)
    return JsonResponse(loan, status=201)
