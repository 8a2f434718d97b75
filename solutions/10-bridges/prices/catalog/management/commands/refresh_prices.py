# `python manage.py refresh_prices` asks the async `price_api.fetch_price` for the price of every
# product and saves it. Write `fetch_prices`, which fetches them all at once (not one by one), and
# run it from `handle`: Django calls `handle` synchronously and never awaits it, so bridge there
# with `async_to_sync` (or `asyncio.run`).
# Lesson 10: Bridging sync and async (`tutor lesson 10`)

import asyncio
from decimal import Decimal

import price_api
from asgiref.sync import async_to_sync
from catalog.models import Product
from django.core.management.base import BaseCommand


async def fetch_prices(skus: list[str]) -> dict[str, Decimal]:
    """The current price of every SKU, fetched concurrently, as {sku: price}."""
    prices = await asyncio.gather(*(price_api.fetch_price(sku) for sku in skus))
    return dict(zip(skus, prices, strict=True))


class Command(BaseCommand):
    help = "Fetch the current price of every product from the supplier, and save it."

    def handle(self, *args, **options):
        skus = list(Product.objects.order_by("sku").values_list("sku", flat=True))
        # async_to_sync runs the coroutine in an event loop on another thread while this thread
        # waits; any thread-sensitive call made from it (the async ORM, sync_to_async) comes back
        # to this thread, so the whole command uses one database connection.
        prices = async_to_sync(fetch_prices)(skus)
        for sku, price in prices.items():
            Product.objects.filter(sku=sku).update(price=price)
            self.stdout.write(f"{sku}: {price}")
        self.stdout.write(f"Updated {len(prices)} prices.")
