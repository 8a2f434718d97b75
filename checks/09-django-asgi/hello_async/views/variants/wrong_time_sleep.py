# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
# "Be polite to the upstream service": a blocking pause inside async def.
import time

import upstream
from django.http import JsonResponse


async def quote(request, symbol):
    symbol = symbol.upper()
    time.sleep(0.3)
    try:
        price = await upstream.fetch_price(symbol)
    except upstream.UnknownSymbol:
        return JsonResponse({"error": f"unknown symbol: {symbol}"}, status=404)
    return JsonResponse({"symbol": symbol, "price": price})
