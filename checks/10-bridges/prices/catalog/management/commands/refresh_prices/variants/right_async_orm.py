import asyncio
from decimal import Decimal

import price_api
from asgiref.sync import async_to_sync
from catalog.models import Product
from django.core.management.base import BaseCommand


async def fetch_prices(skus: list[str]) -> dict[str, Decimal]:
    prices = await asyncio.gather(*[price_api.fetch_price(sku) for sku in skus])
    return dict(zip(skus, prices, strict=True))


async def refresh() -> list[str]:
    """Everything async, with the async ORM: async_to_sync brings its queries back to handle's thread."""
    skus = [sku async for sku in Product.objects.order_by("sku").values_list("sku", flat=True)]
    prices = await fetch_prices(skus)
    for sku, price in prices.items():
        await Product.objects.filter(sku=sku).aupdate(price=price)
    return [f"{sku}: {price}" for sku, price in prices.items()]


class Command(BaseCommand):
    help = "Fetch the current price of every product from the supplier, and save it."

    def handle(self, *args, **options):
        lines = async_to_sync(refresh)()
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(f"Updated {len(lines)} prices.")
