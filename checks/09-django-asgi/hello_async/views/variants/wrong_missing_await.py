# expect: did you forget `await`
# expect-ru: вы забыли `await`
import upstream
from django.http import JsonResponse


async def quote(request, symbol):
    symbol = symbol.upper()
    try:
        price = upstream.fetch_price(symbol)
    except upstream.UnknownSymbol:
        return JsonResponse({"error": f"unknown symbol: {symbol}"}, status=404)
    return JsonResponse({"symbol": symbol, "price": price})
