# expect: SynchronousOnlyOperation
# expect-ru: SynchronousOnlyOperation
import asyncio
from decimal import Decimal

import price_api
from asgiref.sync import async_to_sync
from catalog.models import Product
from django.core.management.base import BaseCommand


async def fetch_prices(skus: list[str]) -> dict[str, Decimal]:
    prices = await asyncio.gather(*(price_api.fetch_price(sku) for sku in skus))
    return dict(zip(skus, prices, strict=True))


async def refresh() -> dict[str, Decimal]:
    skus = list(Product.objects.order_by("sku").values_list("sku", flat=True))  # sync ORM in async code
    prices = await fetch_prices(skus)
    for sku, price in prices.items():
        Product.objects.filter(sku=sku).update(price=price)
    return prices


class Command(BaseCommand):
    def handle(self, *args, **options):
        prices = async_to_sync(refresh)()
        for sku, price in prices.items():
            self.stdout.write(f"{sku}: {price}")
        self.stdout.write(f"Updated {len(prices)} prices.")
