# expect: the old blocking client
# expect-ru: старый блокирующий клиент
# async def, but the blocking client inside it: the event loop stops while it waits.
import upstream
from django.http import JsonResponse


async def quote(request, symbol):
    symbol = symbol.upper()
    try:
        price = upstream.fetch_price_blocking(symbol)
    except upstream.UnknownSymbol:
        return JsonResponse({"error": f"unknown symbol: {symbol}"}, status=404)
    return JsonResponse({"symbol": symbol, "price": price})
