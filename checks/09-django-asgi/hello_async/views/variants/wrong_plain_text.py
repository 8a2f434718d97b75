# expect: expected 'application/json'
# expect-ru: а ожидался 'application/json'
import upstream
from django.http import HttpResponse


async def quote(request, symbol):
    symbol = symbol.upper()
    try:
        price = await upstream.fetch_price(symbol)
    except upstream.UnknownSymbol:
        return HttpResponse(f"unknown symbol: {symbol}", status=404)
    return HttpResponse(f'{{"symbol": "{symbol}", "price": {price}}}')
