# Write `quote`, an async view for GET /quote/<symbol>/. It awaits `upstream.fetch_price(symbol)`
# and answers JSON: {"symbol": "ACME", "price": 12.5} (the symbol in upper case). For a symbol the
# service does not know (`upstream.UnknownSymbol`), answer 404 with {"error": "unknown symbol: XYZ"}.
# Ten requests at once must all wait together: never block the event loop.
# Lesson 9: Django on ASGI (`tutor lesson 9`)

import upstream
from django.http import JsonResponse


async def quote(request, symbol):
    """GET /quote/<symbol>/: the symbol's price from the upstream service, as JSON."""
    symbol = symbol.upper()
    try:
        # Under ASGI this runs on the server's event loop: while this request waits for the
        # upstream service, the loop serves every other request.
        price = await upstream.fetch_price(symbol)
    except upstream.UnknownSymbol:
        return JsonResponse({"error": f"unknown symbol: {symbol}"}, status=404)
    return JsonResponse({"symbol": symbol, "price": price})
