# Another correct answer: names imported from upstream, and one return at the end.
from django.http import JsonResponse
from upstream import UnknownSymbol, fetch_price


async def quote(request, symbol: str) -> JsonResponse:
    symbol = symbol.upper()
    try:
        data, status = {"symbol": symbol, "price": await fetch_price(symbol)}, 200
    except UnknownSymbol:
        data, status = {"error": f"unknown symbol: {symbol}"}, 404
    return JsonResponse(data, status=status)
