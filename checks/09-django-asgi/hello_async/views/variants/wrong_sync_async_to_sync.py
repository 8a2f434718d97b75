# expect: is a plain `def` view
# expect-ru: обычное представление на `def`
# A view that is not really async: a plain def that drives the async client with async_to_sync.
import upstream
from asgiref.sync import async_to_sync
from django.http import JsonResponse


def quote(request, symbol):
    symbol = symbol.upper()
    try:
        price = async_to_sync(upstream.fetch_price)(symbol)
    except upstream.UnknownSymbol:
        return JsonResponse({"error": f"unknown symbol: {symbol}"}, status=404)
    return JsonResponse({"symbol": symbol, "price": price})
