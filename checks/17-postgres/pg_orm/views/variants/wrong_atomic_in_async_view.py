# expect: `transaction.atomic()` was used in async code
# expect-ru: `transaction.atomic()` используется в асинхронном коде
# Port these views to the async ORM on PostgreSQL. item_list and item_detail: the native async ORM
# (`async for` over a queryset, `aget`, `acount`). item_reserve: `reserve` must be ONE transaction that
# locks the item's row with `select_for_update()`, so two reservations at once cannot both take the last
# units (SQLite ignores the lock; PostgreSQL honours it). Call it with `sync_to_async`: 201, 404 or 409.
# `tutor run` starts a throwaway PostgreSQL; then curl the URLs it suggests.
# Lesson 17: PostgreSQL, a real async driver (optional track) (`tutor lesson 17`)

import json

from django.db import transaction
from django.http import JsonResponse
from django.views.decorators.http import require_GET, require_POST
from store.models import Item, Reservation


class OutOfStock(Exception):
    """The item has fewer units in stock than the reservation asks for."""


def read_quantity(request):
    """The quantity from the JSON body {"quantity": n} (n >= 1), or None when the body is not that (done for you)."""
    try:
        quantity = int(json.loads(request.body)["quantity"])
    except (ValueError, KeyError, TypeError):
        return None
    return quantity if quantity >= 1 else None


@transaction.atomic
def reserve(item_id, quantity):
    """Take `quantity` units of the item out of stock and record a Reservation; return (reservation, units left).
    Raises Item.DoesNotExist for an unknown item and OutOfStock when it is short; then NOTHING may change.
    Two calls at once must never both take the same units."""
    # SELECT ... FOR UPDATE: a second reservation of this item waits here until this transaction ends,
    # then reads the stock this one left.
    item = Item.objects.select_for_update().get(pk=item_id)
    if item.stock < quantity:
        raise OutOfStock(f"only {item.stock} of {item.name!r} left, {quantity} asked")
    item.stock -= quantity
    item.save(update_fields=["stock"])
    reservation = Reservation.objects.create(item=item, quantity=quantity)
    return reservation, item.stock


@require_GET
async def item_list(request):
    """GET /items/: {"items": [{"id": 1, "name": "...", "stock": 5}, ...]} ordered by name."""
    items = [row async for row in Item.objects.order_by("name").values("id", "name", "stock")]
    return JsonResponse({"items": items})


@require_GET
async def item_detail(request, item_id):
    """GET /items/<id>/: {"id": 1, "name": "...", "stock": 5, "reservations": 2}; 404 {"error": ...} when unknown."""
    try:
        item = await Item.objects.aget(pk=item_id)
    except Item.DoesNotExist:
        return JsonResponse({"error": "no such item"}, status=404)
    count = await Reservation.objects.filter(item=item).acount()
    return JsonResponse({"id": item.id, "name": item.name, "stock": item.stock, "reservations": count})


@require_POST
async def item_reserve(request, item_id):
    """POST /items/<id>/reserve/ with {"quantity": n}: 201 {"reservation": id, "left": units left};
    400 for a malformed body; 404 {"error": ...} for an unknown item; 409 {"error": ...} when it is short."""
    quantity = read_quantity(request)
    if quantity is None:
        return JsonResponse({"error": 'expected {"quantity": n} with n >= 1'}, status=400)
    try:
        with transaction.atomic():
            item = await Item.objects.select_for_update().aget(pk=item_id)
            if item.stock < quantity:
                raise OutOfStock(f"only {item.stock} of {item.name!r} left, {quantity} asked")
            item.stock -= quantity
            await item.asave(update_fields=["stock"])
            reservation = await Reservation.objects.acreate(item=item, quantity=quantity)
            left = item.stock
    except Item.DoesNotExist:
        return JsonResponse({"error": "no such item"}, status=404)
    except OutOfStock as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    return JsonResponse({"reservation": reservation.id, "left": left}, status=201)
