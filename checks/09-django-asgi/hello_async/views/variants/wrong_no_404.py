# expect: escaped from your view
# expect-ru: вылетело из вашего представления
import upstream
from django.http import JsonResponse


async def quote(request, symbol):
    symbol = symbol.upper()
    price = await upstream.fetch_price(symbol)
    return JsonResponse({"symbol": symbol, "price": price})
