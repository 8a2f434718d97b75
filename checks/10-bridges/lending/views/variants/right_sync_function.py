from asgiref.sync import sync_to_async
from django.http import JsonResponse
from library.models import Book
from services import AlreadyBorrowed, borrow_book


@sync_to_async  # thread-sensitive by default: runs on the request's sync thread
def lend(book_id: int, member: str) -> tuple[int, dict[str, object]]:
    """All the sync work in one place: the helper, and turning its outcome into status and data."""
    try:
        return 201, borrow_book(book_id, member)
    except Book.DoesNotExist:
        return 404, {"error": f"no book {book_id}"}
    except AlreadyBorrowed as error:
        return 409, {"error": str(error)}


async def borrow(request, book_id):
    if request.method != "POST":
        return JsonResponse({"error": "use POST"}, status=405)
    member = request.POST.get("member", "").strip()
    if not member:
        return JsonResponse({"error": "say who borrows it: member=..."}, status=400)
    status, data = await lend(book_id, member)
    return JsonResponse(data, status=status)
