# Оформите заказ сразу на несколько книг: всё или ничего. `place_order` ниже делает работу синхронным
# ORM, но если какой-то книги не хватает, предыдущие остаются списанными со склада (частичный заказ).
# Сделайте её ОДНОЙ транзакцией (транзакции в Django по-прежнему только синхронные, и в 5.2, и в 6.x)
# и вызывайте из асинхронного представления через `sync_to_async`. Отвечайте 201 с заказом, 409, если
# книги не хватает, 404 для неизвестной книги. `tutor run`, затем отправьте через POST заказы, которые он предлагает.
# Урок 11: Асинхронный ORM (`tutor lesson 11`)

import json

from django.http import JsonResponse
from django.views.decorators.http import require_POST
from shop.models import Book, Order, OrderLine


class OutOfStock(Exception):
    """На складе меньше экземпляров книги, чем требует заказ."""


def read_items(request):
    """Позиции заказа в виде [(book_id, quantity), ...] из JSON-тела
    {"items": [{"book": 1, "quantity": 2}, ...]} или None, если тело — не такой заказ (уже готово)."""
    try:
        items = json.loads(request.body)["items"]
        pairs = [(int(item["book"]), int(item["quantity"])) for item in items]
    except (ValueError, KeyError, TypeError):
        return None
    if not pairs or any(quantity < 1 for _, quantity in pairs):
        return None
    return pairs


def place_order(items):
    """Создаёт Order с одной OrderLine на каждую пару (book_id, quantity) и списывает экземпляры со склада.
    Выбрасывает Book.DoesNotExist для неизвестной книги и OutOfStock, если книги не хватает; в этом
    случае в базе данных НИЧЕГО не должно измениться."""
    order = Order.objects.create()
    for book_id, quantity in items:
        # В PostgreSQL `select_for_update()` блокирует строку до конца транзакции, так что два заказа
        # не смогут оба забрать последний экземпляр. (В SQLite блокировок строк нет, и вызов там игнорируется.)
        book = Book.objects.select_for_update().get(pk=book_id)
        if book.stock < quantity:
            raise OutOfStock(f"not enough copies of {book.title!r}: {book.stock} left, {quantity} ordered")
        book.stock -= quantity
        book.save(update_fields=["stock"])
        OrderLine.objects.create(order=order, book=book, quantity=quantity)
    return order


@require_POST
async def order_create(request):
    """POST /orders/ с {"items": [{"book": 1, "quantity": 2}, ...]}: 201 {"order": id, "lines": n};
    400 при некорректном теле; 404 {"error": ...} для неизвестной книги; 409 {"error": ...}, если книги не хватает."""
    items = read_items(request)
    if items is None:
        return JsonResponse({"error": 'expected {"items": [{"book": id, "quantity": n}, ...]}'}, status=400)
    # TODO: вызовите `place_order` через `sync_to_async`; на два её исключения отвечайте 404 и 409.
    order = place_order(items)
    return JsonResponse({"order": order.id, "lines": len(items)}, status=201)
