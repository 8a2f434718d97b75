# A colleague made `borrow` async and it now crashes with SynchronousOnlyOperation. Keep the sync
# helper `services.borrow_book` (several queries in one transaction) and call it the right way from
# this async view. POST /books/<id>/borrow with `member=...` answers 201 with the helper's dict,
# 404 for an unknown book, 409 when the book is out.
# Lesson 10: Bridging sync and async (`tutor lesson 10`)

from django.http import JsonResponse

import services
from library.models import Book


async def borrow(request, book_id):
    """POST /books/<book_id>/borrow (form field `member`): lend the book to that member."""
    if request.method != "POST":
        return JsonResponse({"error": "use POST"}, status=405)
    member = request.POST.get("member", "").strip()
    if not member:
        return JsonResponse({"error": "say who borrows it: member=..."}, status=400)
    try:
        # TODO: a sync function full of queries, called straight from async code: Django refuses.
        loan = services.borrow_book(book_id, member)
    except Book.DoesNotExist:
        return JsonResponse({"error": f"no book {book_id}"}, status=404)
    except services.AlreadyBorrowed as error:
        return JsonResponse({"error": str(error)}, status=409)
    return JsonResponse(loan, status=201)
