# `python manage.py refresh_prices` запрашивает у асинхронной `price_api.fetch_price` цену каждого
# товара и сохраняет её. Напишите `fetch_prices`, которая запрашивает все цены одновременно (а не по
# одной), и запустите её из `handle`: Django вызывает `handle` синхронно и никогда не ждёт его через
# await, поэтому стройте мост там, через `async_to_sync` (или `asyncio.run`).
# Урок 10: Мосты между синхронным и асинхронным кодом (`tutor lesson 10`)

import asyncio
from decimal import Decimal

import price_api
from asgiref.sync import async_to_sync
from catalog.models import Product
from django.core.management.base import BaseCommand


async def fetch_prices(skus: list[str]) -> dict[str, Decimal]:
    """Текущая цена каждого SKU, полученная конкурентно, в виде {sku: price}."""
    prices = await asyncio.gather(*(price_api.fetch_price(sku) for sku in skus))
    return dict(zip(skus, prices, strict=True))


class Command(BaseCommand):
    help = "Fetch the current price of every product from the supplier, and save it."

    def handle(self, *args, **options):
        skus = list(Product.objects.order_by("sku").values_list("sku", flat=True))
        # `async_to_sync` выполняет корутину в событийном цикле в другом потоке, пока этот поток ждёт;
        # любой вызов с привязкой к потоку, сделанный из неё (асинхронный ORM, `sync_to_async`),
        # возвращается в этот поток, так что вся команда использует одно соединение с базой данных.
        prices = async_to_sync(fetch_prices)(skus)
        for sku, price in prices.items():
            Product.objects.filter(sku=sku).update(price=price)
            self.stdout.write(f"{sku}: {price}")
        self.stdout.write(f"Updated {len(prices)} prices.")
