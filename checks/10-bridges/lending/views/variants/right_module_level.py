import services
from asgiref.sync import sync_to_async
from django.http import HttpResponseNotAllowed, JsonResponse
from library.models import Book

# Made once, at import; `thread_sensitive=True` spelled out (it is the default).
borrow_book = sync_to_async(services.borrow_book, thread_sensitive=True)


async def borrow(request, book_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    member = request.POST.get("member", "").strip()
    if not member:
        return JsonResponse({"error": "member is required"}, status=400)
    try:
        return JsonResponse(await borrow_book(book_id, member), status=201)
    except Book.DoesNotExist:
        return JsonResponse({"error": "not found"}, status=404)
    except services.AlreadyBorrowed as error:
        return JsonResponse({"error": str(error)}, status=409)
