# Напишите `quote`, асинхронное представление для GET /quote/<symbol>/. Оно ждёт через await
# `upstream.fetch_price(symbol)` и отвечает JSON: {"symbol": "ACME", "price": 12.5} (тикер в верхнем
# регистре). На тикер, которого сервис не знает (`upstream.UnknownSymbol`), ответьте 404 с
# {"error": "unknown symbol: XYZ"}. Десять одновременных запросов должны ждать вместе: никогда не
# блокируйте событийный цикл.
# Урок 9: Django на ASGI (`tutor lesson 9`)

import upstream
from django.http import JsonResponse


def quote(request, symbol):
    """GET /quote/<symbol>/: цена по тикеру от внешнего сервиса в виде JSON."""
    # TODO: сделайте представление асинхронным и ждите асинхронный клиент, `upstream.fetch_price(symbol)`.
    price = upstream.fetch_price_blocking(symbol)
    return JsonResponse({"symbol": symbol, "price": price})
