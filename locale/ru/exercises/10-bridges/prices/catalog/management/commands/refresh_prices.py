# `python manage.py refresh_prices` запрашивает у асинхронной `price_api.fetch_price` цену каждого
# товара и сохраняет её. Напишите `fetch_prices`, которая запрашивает все цены одновременно (а не по
# одной), и запустите её из `handle`: Django вызывает `handle` синхронно и никогда не ждёт его через
# await, поэтому стройте мост там, через `async_to_sync` (или `asyncio.run`).
# Урок 10: Мосты между синхронным и асинхронным кодом (`tutor lesson 10`)

from decimal import Decimal

from django.core.management.base import BaseCommand

import price_api
from catalog.models import Product


async def fetch_prices(skus: list[str]) -> dict[str, Decimal]:
    """Текущая цена каждого SKU, полученная конкурентно, в виде {sku: price}."""
    # TODO: вызовите price_api.fetch_price(sku) для всех sku одновременно.
    raise NotImplementedError("fetch_prices ещё не написана")


class Command(BaseCommand):
    help = "Fetch the current price of every product from the supplier, and save it."

    def handle(self, *args, **options):
        skus = list(Product.objects.order_by("sku").values_list("sku", flat=True))
        # TODO: вызов асинхронной функции из синхронного кода лишь создаёт корутину; запустите её здесь.
        prices = fetch_prices(skus)
        for sku, price in prices.items():
            Product.objects.filter(sku=sku).update(price=price)
            self.stdout.write(f"{sku}: {price}")
        self.stdout.write(f"Updated {len(prices)} prices.")
