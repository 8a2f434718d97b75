"""A pretend market-data service, standing in for a slow HTTP API your view depends on.

It has two clients, like many real services: an async one to await, and an old blocking one
(think `requests.get`). Both take about `DELAY` seconds. The check replaces both with fakes
that count how many calls are waiting at once.
"""

import asyncio
import time

DELAY = 0.4  # seconds per call: a slow API

PRICES = {"ACME": 12.5, "GLOBEX": 99.0, "INITECH": 3.25}


class UnknownSymbol(LookupError):
    """The service does not know this ticker symbol."""


async def fetch_price(symbol: str) -> float:
    """The price of `symbol` (any case), after about DELAY seconds of non-blocking waiting."""
    await asyncio.sleep(DELAY)
    return _lookup(symbol)


def fetch_price_blocking(symbol: str) -> float:
    """The same answer through the old blocking client: it holds its thread for DELAY seconds."""
    time.sleep(DELAY)
    return _lookup(symbol)


def _lookup(symbol: str) -> float:
    try:
        return PRICES[symbol.upper()]
    except KeyError:
        raise UnknownSymbol(symbol) from None
