# Коллега сделал представление `borrow` асинхронным, и теперь оно падает с SynchronousOnlyOperation.
# Оставьте синхронную функцию `services.borrow_book` (несколько запросов в одной транзакции) и правильно
# вызовите её из этого асинхронного представления. POST /books/<id>/borrow с `member=...` отвечает 201
# со словарём от функции, 404 для неизвестной книги, 409, если книга уже выдана.
# Урок 10: Мосты между синхронным и асинхронным кодом (`tutor lesson 10`)

import services
from asgiref.sync import sync_to_async
from django.http import JsonResponse
from library.models import Book


async def borrow(request, book_id):
    """POST /books/<book_id>/borrow (поле формы `member`): выдать книгу этому читателю."""
    if request.method != "POST":
        return JsonResponse({"error": "use POST"}, status=405)
    member = request.POST.get("member", "").strip()
    if not member:
        return JsonResponse({"error": "say who borrows it: member=..."}, status=400)
    try:
        # С привязкой к потоку (по умолчанию): запросы функции выполняются в единственном синхронном
        # потоке запроса, через соединение, которое Django открывает и закрывает для этого запроса.
        # Её исключения выходят из await, как любые другие.
        loan = await sync_to_async(services.borrow_book)(book_id, member)
    except Book.DoesNotExist:
        return JsonResponse({"error": f"no book {book_id}"}, status=404)
    except services.AlreadyBorrowed as error:
        return JsonResponse({"error": str(error)}, status=409)
    return JsonResponse(loan, status=201)
