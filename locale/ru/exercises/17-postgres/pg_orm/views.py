# Переведите эти представления на асинхронный ORM поверх PostgreSQL. item_list и item_detail: нативный
# асинхронный ORM (`async for` по QuerySet, `aget`, `acount`). item_reserve: `reserve` должна быть ОДНОЙ
# транзакцией, которая блокирует строку товара через `select_for_update()`, чтобы два одновременных
# резервирования не могли оба забрать последние единицы (SQLite блокировку игнорирует, PostgreSQL её
# соблюдает). Вызывайте её через `sync_to_async`: 201, 404 или 409.
# `tutor run` поднимает одноразовый PostgreSQL; затем обратитесь через curl к URL, которые он предложит.
# Урок 17: PostgreSQL, настоящий асинхронный драйвер (необязательная часть) (`tutor lesson 17`)

import json

from django.http import JsonResponse
from django.views.decorators.http import require_GET, require_POST
from store.models import Item, Reservation


class OutOfStock(Exception):
    """На складе меньше единиц товара, чем запрашивает резервирование."""


def read_quantity(request):
    """Количество из JSON-тела {"quantity": n} (n >= 1) или None, если тело не такое (уже сделано за вас)."""
    try:
        quantity = int(json.loads(request.body)["quantity"])
    except (ValueError, KeyError, TypeError):
        return None
    return quantity if quantity >= 1 else None


def reserve(item_id, quantity):
    """Списать со склада `quantity` единиц товара и записать Reservation; вернуть (reservation, остаток).
    Выбрасывает Item.DoesNotExist для неизвестного товара и OutOfStock, когда его не хватает; тогда НИЧЕГО
    не должно измениться. Два одновременных вызова никогда не должны оба забрать одни и те же единицы."""
    # TODO: одна транзакция и блокировка строки товара до её конца.
    item = Item.objects.get(pk=item_id)
    if item.stock < quantity:
        raise OutOfStock(f"only {item.stock} of {item.name!r} left, {quantity} asked")
    item.stock -= quantity
    item.save(update_fields=["stock"])
    reservation = Reservation.objects.create(item=item, quantity=quantity)
    return reservation, item.stock


@require_GET
async def item_list(request):
    """GET /items/: {"items": [{"id": 1, "name": "...", "stock": 5}, ...]}, упорядоченные по имени."""
    # TODO: синхронный ORM в асинхронном коде. Используйте `async for` по QuerySet.
    items = list(Item.objects.order_by("name").values("id", "name", "stock"))
    return JsonResponse({"items": items})


@require_GET
async def item_detail(request, item_id):
    """GET /items/<id>/: {"id": 1, "name": "...", "stock": 5, "reservations": 2}; 404 {"error": ...}, если его нет."""
    # TODO: снова синхронный ORM. Используйте `aget` и `acount`.
    try:
        item = Item.objects.get(pk=item_id)
    except Item.DoesNotExist:
        return JsonResponse({"error": "no such item"}, status=404)
    count = Reservation.objects.filter(item=item).count()
    return JsonResponse({"id": item.id, "name": item.name, "stock": item.stock, "reservations": count})


@require_POST
async def item_reserve(request, item_id):
    """POST /items/<id>/reserve/ с {"quantity": n}: 201 {"reservation": id, "left": остаток};
    400 при некорректном теле; 404 {"error": ...} для неизвестного товара; 409 {"error": ...}, если его не хватает."""
    quantity = read_quantity(request)
    if quantity is None:
        return JsonResponse({"error": 'expected {"quantity": n} with n >= 1'}, status=400)
    # TODO: вызовите reserve через `sync_to_async`; на два её исключения отвечайте 404 и 409.
    reservation, left = reserve(item_id, quantity)
    return JsonResponse({"reservation": reservation.id, "left": left}, status=201)
