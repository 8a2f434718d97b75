# expect: the old blocking client
# expect-ru: старый блокирующий клиент
# The blocking client moved to a thread: the loop is free, but a thread waits for every request.
import upstream
from asgiref.sync import sync_to_async
from django.http import JsonResponse


async def quote(request, symbol):
    symbol = symbol.upper()
    try:
        price = await sync_to_async(upstream.fetch_price_blocking)(symbol)
    except upstream.UnknownSymbol:
        return JsonResponse({"error": f"unknown symbol: {symbol}"}, status=404)
    return JsonResponse({"symbol": symbol, "price": price})
