# expect: One after the other
# expect-ru: Один за другим
from decimal import Decimal

import price_api
from asgiref.sync import async_to_sync
from catalog.models import Product
from django.core.management.base import BaseCommand


async def fetch_prices(skus: list[str]) -> dict[str, Decimal]:
    prices = {}
    for sku in skus:
        prices[sku] = await price_api.fetch_price(sku)
    return prices


class Command(BaseCommand):
    def handle(self, *args, **options):
        skus = list(Product.objects.order_by("sku").values_list("sku", flat=True))
        prices = async_to_sync(fetch_prices)(skus)
        for sku, price in prices.items():
            Product.objects.filter(sku=sku).update(price=price)
            self.stdout.write(f"{sku}: {price}")
        self.stdout.write(f"Updated {len(prices)} prices.")
