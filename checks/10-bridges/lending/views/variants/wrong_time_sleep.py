# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import time

import services
from asgiref.sync import sync_to_async
from django.http import JsonResponse
from library.models import Book


async def borrow(request, book_id):
    time.sleep(0.2)  # "let the legacy database catch up"
    if request.method != "POST":
        return JsonResponse({"error": "use POST"}, status=405)
    member = request.POST.get("member", "").strip()
    if not member:
        return JsonResponse({"error": "say who borrows it: member=..."}, status=400)
    try:
        loan = await sync_to_async(services.borrow_book)(book_id, member)
    except Book.DoesNotExist:
        return JsonResponse({"error": f"no book {book_id}"}, status=404)
    except services.AlreadyBorrowed as error:
        return JsonResponse({"error": str(error)}, status=409)
    return JsonResponse(loan, status=201)
