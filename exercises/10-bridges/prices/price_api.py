"""A client for the supplier's price service, async like httpx.AsyncClient. Do not change it.

`fetch_price(sku)` waits DELAY seconds without blocking (it stands in for an HTTP round trip) and
returns the current price as a Decimal. The check replaces it with an instrumented copy.
"""

import asyncio
from decimal import Decimal

DELAY = 0.3

_PRICES = {"BOOK-1": "12.50", "LAMP-2": "39.00", "MUG-3": "8.90", "PEN-4": "2.35"}


async def fetch_price(sku: str) -> Decimal:
    """The supplier's current price of `sku`."""
    await asyncio.sleep(DELAY)
    return Decimal(_PRICES.get(sku, "1.00"))
