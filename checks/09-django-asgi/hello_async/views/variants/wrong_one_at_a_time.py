# expect: at most 1 were waiting on the upstream
# expect-ru: внешний сервис одновременно ждали не больше 1
# "Protect the upstream service": one shared lock lets a single request call it at a time.
import asyncio

import upstream
from django.http import JsonResponse

upstream_lock = asyncio.Lock()


async def quote(request, symbol):
    symbol = symbol.upper()
    try:
        async with upstream_lock:
            price = await upstream.fetch_price(symbol)
    except upstream.UnknownSymbol:
        return JsonResponse({"error": f"unknown symbol: {symbol}"}, status=404)
    return JsonResponse({"symbol": symbol, "price": price})
