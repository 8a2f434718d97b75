# Another correct answer: `with transaction.atomic()` inside the sync function, and conditional
# UPDATEs with F() expressions.
import json

from asgiref.sync import sync_to_async
from django.db import transaction
from django.db.models import F
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
    with transaction.atomic():
        order = Order.objects.create()
        for book_id, quantity in items:
            # One UPDATE that only succeeds while enough copies are left: safe without row locks too.
            taken = Book.objects.filter(pk=book_id, stock__gte=quantity).update(stock=F("stock") - quantity)
            if not taken:
                book = Book.objects.get(pk=book_id)  # raises Book.DoesNotExist for an unknown book
                raise OutOfStock(f"not enough copies of {book.title!r}")
            OrderLine.objects.create(order=order, book_id=book_id, quantity=quantity)
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
