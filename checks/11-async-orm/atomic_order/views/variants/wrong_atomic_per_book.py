# expect: rolls back everything
# expect-ru: откатит всё, что она записала
import json

from asgiref.sync import sync_to_async
from django.db import transaction
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from shop.models import Book, Order, OrderLine


class OutOfStock(Exception):
    """A book has fewer copies in stock than the order asks for."""


def read_items(request):
    """The order's items as [(book_id, quantity), ...] from the JSON body
    {"items": [{"book": 1, "quantity": 2}, ...]}, or None when the body is not such an order (done for you)."""
    try:
        items = json.loads(request.body)["items"]
        pairs = [(int(item["book"]), int(item["quantity"])) for item in items]
    except (ValueError, KeyError, TypeError):
        return None
    if not pairs or any(quantity < 1 for _, quantity in pairs):
        return None
    return pairs


def place_order(items):
    """Create an Order with one OrderLine per (book_id, quantity) and take the copies out of stock.
    Raises Book.DoesNotExist for an unknown book and OutOfStock for a book that is short; then
    NOTHING may have changed in the database."""
    order = Order.objects.create()
    for book_id, quantity in items:
        # On PostgreSQL, select_for_update() locks the row until the transaction ends, so two orders
        # cannot both take the last copy. (SQLite has no row locks and ignores it.)
        with transaction.atomic():  # each book on its own: not the whole order
            book = Book.objects.select_for_update().get(pk=book_id)
            if book.stock < quantity:
                raise OutOfStock(f"not enough copies of {book.title!r}: {book.stock} left, {quantity} ordered")
            book.stock -= quantity
            book.save(update_fields=["stock"])
            OrderLine.objects.create(order=order, book=book, quantity=quantity)
    return order


@require_POST
async def order_create(request):
    """POST /orders/ with {"items": [{"book": 1, "quantity": 2}, ...]}: 201 {"order": id, "lines": n};
    400 for a malformed body; 404 {"error": ...} for an unknown book; 409 {"error": ...} when a book is short."""
    items = read_items(request)
    if items is None:
        return JsonResponse({"error": 'expected {"items": [{"book": id, "quantity": n}, ...]}'}, status=400)
    try:
        order = await sync_to_async(place_order)(items)
    except Book.DoesNotExist:
        return JsonResponse({"error": "no such book"}, status=404)
    except OutOfStock as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    return JsonResponse({"order": order.id, "lines": len(items)}, status=201)
