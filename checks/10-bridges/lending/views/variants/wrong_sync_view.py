# expect: plain `def` view
# expect-ru: обычное представление на `def`
import services
from django.http import JsonResponse
from library.models import Book


def borrow(request, book_id):
    if request.method != "POST":
        return JsonResponse({"error": "use POST"}, status=405)
    member = request.POST.get("member", "").strip()
    if not member:
        return JsonResponse({"error": "say who borrows it: member=..."}, status=400)
    try:
        loan = services.borrow_book(book_id, member)
    except Book.DoesNotExist:
        return JsonResponse({"error": f"no book {book_id}"}, status=404)
    except services.AlreadyBorrowed as error:
        return JsonResponse({"error": str(error)}, status=409)
    return JsonResponse(loan, status=201)
