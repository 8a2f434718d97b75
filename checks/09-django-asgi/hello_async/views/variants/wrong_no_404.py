# expect: escaped from your view
import upstream
from django.http import JsonResponse


async def quote(request, symbol):
    symbol = symbol.upper()
    price = await upstream.fetch_price(symbol)
    return JsonResponse({"symbol": symbol, "price": price})
