"""Игрушечный сервис биржевых котировок: он изображает медленный HTTP API, от которого зависит
ваше представление.

Как у многих настоящих сервисов, у него два клиента: асинхронный, который ждут через `await`,
и старый блокирующий (вроде `requests.get`). Оба отвечают примерно за `DELAY` секунд. Проверка
подменяет оба заглушками, которые считают, сколько вызовов ждут одновременно.
"""

import asyncio
import time

DELAY = 0.4  # секунд на вызов: медленный API

PRICES = {"ACME": 12.5, "GLOBEX": 99.0, "INITECH": 3.25}


class UnknownSymbol(LookupError):
    """Сервис не знает такого биржевого тикера."""


async def fetch_price(symbol: str) -> float:
    """Цена `symbol` (в любом регистре) после примерно DELAY секунд неблокирующего ожидания."""
    await asyncio.sleep(DELAY)
    return _lookup(symbol)


def fetch_price_blocking(symbol: str) -> float:
    """Тот же ответ через старый блокирующий клиент: он занимает свой поток на DELAY секунд."""
    time.sleep(DELAY)
    return _lookup(symbol)


def _lookup(symbol: str) -> float:
    try:
        return PRICES[symbol.upper()]
    except KeyError:
        raise UnknownSymbol(symbol) from None
