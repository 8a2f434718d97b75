# expect: never awaits it
# expect-ru: никогда не дожидается её через `await`
import asyncio
from decimal import Decimal

import price_api
from catalog.models import Product
from django.core.management.base import BaseCommand


async def fetch_prices(skus: list[str]) -> dict[str, Decimal]:
    prices = await asyncio.gather(*(price_api.fetch_price(sku) for sku in skus))
    return dict(zip(skus, prices, strict=True))


class Command(BaseCommand):
    async def handle(self, *args, **options):
        skus = [sku async for sku in Product.objects.order_by("sku").values_list("sku", flat=True)]
        prices = await fetch_prices(skus)
        for sku, price in prices.items():
            await Product.objects.filter(sku=sku).aupdate(price=price)
            self.stdout.write(f"{sku}: {price}")
        self.stdout.write(f"Updated {len(prices)} prices.")
