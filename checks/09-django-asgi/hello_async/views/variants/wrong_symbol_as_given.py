# expect: Upper-case the symbol
# expect-ru: в верхний регистр
import upstream
from django.http import JsonResponse


async def quote(request, symbol):
    try:
        price = await upstream.fetch_price(symbol)
    except upstream.UnknownSymbol:
        return JsonResponse({"error": f"unknown symbol: {symbol.upper()}"}, status=404)
    return JsonResponse({"symbol": symbol, "price": price})
