"""Клиент ценового сервиса поставщика, асинхронный, как httpx.AsyncClient. Не меняйте его.

`fetch_price(sku)` ждёт DELAY секунд, не блокируя (так он изображает HTTP-запрос), и возвращает
текущую цену в виде Decimal. Проверка подменяет его копией со счётчиками.
"""

import asyncio
from decimal import Decimal

DELAY = 0.3

_PRICES = {"BOOK-1": "12.50", "LAMP-2": "39.00", "MUG-3": "8.90", "PEN-4": "2.35"}


async def fetch_price(sku: str) -> Decimal:
    """Текущая цена `sku` у поставщика."""
    await asyncio.sleep(DELAY)
    return Decimal(_PRICES.get(sku, "1.00"))
