# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time
from decimal import Decimal

import price_api
from asgiref.sync import async_to_sync
from catalog.models import Product
from django.core.management.base import BaseCommand


async def fetch_one(sku: str) -> Decimal:
    time.sleep(0.2)  # "don't hammer the supplier": blocks the loop, and every other fetch with it
    return await price_api.fetch_price(sku)


async def fetch_prices(skus: list[str]) -> dict[str, Decimal]:
    prices = await asyncio.gather(*(fetch_one(sku) for sku in skus))
    return dict(zip(skus, prices, strict=True))


class Command(BaseCommand):
    def handle(self, *args, **options):
        skus = list(Product.objects.order_by("sku").values_list("sku", flat=True))
        prices = async_to_sync(fetch_prices)(skus)
        for sku, price in prices.items():
            Product.objects.filter(sku=sku).update(price=price)
            self.stdout.write(f"{sku}: {price}")
        self.stdout.write(f"Updated {len(prices)} prices.")
