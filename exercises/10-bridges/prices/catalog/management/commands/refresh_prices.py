# `python manage.py refresh_prices` asks the async `price_api.fetch_price` for the price of every
# product and saves it. Write `fetch_prices`, which fetches them all at once (not one by one), and
# run it from `handle`: Django calls `handle` synchronously and never awaits it, so bridge there
# with `async_to_sync` (or `asyncio.run`).
# Lesson 10: Bridging sync and async (`tutor lesson 10`)

from decimal import Decimal

from django.core.management.base import BaseCommand

import price_api
from catalog.models import Product


async def fetch_prices(skus: list[str]) -> dict[str, Decimal]:
    """The current price of every SKU, fetched concurrently, as {sku: price}."""
    # TODO: call price_api.fetch_price(sku) for every sku at the same time.
    raise NotImplementedError("fetch_prices is not written yet")


class Command(BaseCommand):
    help = "Fetch the current price of every product from the supplier, and save it."

    def handle(self, *args, **options):
        skus = list(Product.objects.order_by("sku").values_list("sku", flat=True))
        # TODO: calling an async function from sync code only creates a coroutine; run it here.
        prices = fetch_prices(skus)
        for sku, price in prices.items():
            Product.objects.filter(sku=sku).update(price=price)
            self.stdout.write(f"{sku}: {price}")
        self.stdout.write(f"Updated {len(prices)} prices.")
