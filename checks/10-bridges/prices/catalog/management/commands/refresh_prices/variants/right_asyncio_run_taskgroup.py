import asyncio
from decimal import Decimal

import price_api
from catalog.models import Product
from django.core.management.base import BaseCommand


async def fetch_prices(skus: list[str]) -> dict[str, Decimal]:
    async with asyncio.TaskGroup() as group:
        tasks = {sku: group.create_task(price_api.fetch_price(sku)) for sku in skus}
    return {sku: task.result() for sku, task in tasks.items()}


class Command(BaseCommand):
    help = "Fetch the current price of every product from the supplier, and save it."

    def handle(self, *args, **options):
        skus = list(Product.objects.order_by("sku").values_list("sku", flat=True))
        # asyncio.run: a fresh event loop in this thread. Fine here, because the async part never
        # touches the database; only the sync code of handle does.
        prices = asyncio.run(fetch_prices(skus))
        for sku, price in prices.items():
            Product.objects.filter(sku=sku).update(price=price)
            self.stdout.write(f"{sku}: {price}")
        self.stdout.write(f"Updated {len(prices)} prices.")
