# expect: never ran the coroutine
# expect-ru: так и не выполнил корутину
import asyncio
from decimal import Decimal

import price_api
from catalog.models import Product
from django.core.management.base import BaseCommand


async def fetch_prices(skus: list[str]) -> dict[str, Decimal]:
    prices = await asyncio.gather(*(price_api.fetch_price(sku) for sku in skus))
    return dict(zip(skus, prices, strict=True))


class Command(BaseCommand):
    def handle(self, *args, **options):
        skus = list(Product.objects.order_by("sku").values_list("sku", flat=True))
        prices = fetch_prices(skus)  # only creates a coroutine
        for sku, price in prices.items():
            Product.objects.filter(sku=sku).update(price=price)
            self.stdout.write(f"{sku}: {price}")
        self.stdout.write(f"Updated {len(prices)} prices.")
