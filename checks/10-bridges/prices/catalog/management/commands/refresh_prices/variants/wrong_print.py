# expect: self.stdout.write
# expect-ru: self.stdout.write
import asyncio
from decimal import Decimal

import price_api
from asgiref.sync import async_to_sync
from catalog.models import Product
from django.core.management.base import BaseCommand


async def fetch_prices(skus: list[str]) -> dict[str, Decimal]:
    prices = await asyncio.gather(*(price_api.fetch_price(sku) for sku in skus))
    return dict(zip(skus, prices, strict=True))


class Command(BaseCommand):
    def handle(self, *args, **options):
        skus = list(Product.objects.order_by("sku").values_list("sku", flat=True))
        prices = async_to_sync(fetch_prices)(skus)
        for sku, price in prices.items():
            Product.objects.filter(sku=sku).update(price=price)
            print(f"{sku}: {price}")
        print(f"Updated {len(prices)} prices.")
