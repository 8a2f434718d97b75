# Write `quote`, an async view for GET /quote/<symbol>/. It awaits `upstream.fetch_price(symbol)`
# and answers JSON: {"symbol": "ACME", "price": 12.5} (the symbol in upper case). For a symbol the
# service does not know (`upstream.UnknownSymbol`), answer 404 with {"error": "unknown symbol: XYZ"}.
# Ten requests at once must all wait together: never block the event loop.
# Lesson 9: Django on ASGI (`tutor lesson 9`)

import upstream
from django.http import JsonResponse


def quote(request, symbol):
    """GET /quote/<symbol>/: the symbol's price from the upstream service, as JSON."""
    # TODO: make this an async view that awaits the async client, `upstream.fetch_price(symbol)`.
    price = upstream.fetch_price_blocking(symbol)
    return JsonResponse({"symbol": symbol, "price": price})
