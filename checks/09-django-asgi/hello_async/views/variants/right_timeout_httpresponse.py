# Another correct answer: a deadline on the upstream call, JSON encoded by hand, LookupError caught.
import asyncio
import json

import upstream
from django.http import HttpResponse


def _json(data, status=200):
    return HttpResponse(json.dumps(data), content_type="application/json", status=status)


async def quote(request, symbol):
    name = symbol.upper()
    try:
        async with asyncio.timeout(5):
            price = await upstream.fetch_price(name)
    except LookupError:  # upstream.UnknownSymbol is a LookupError
        return _json({"error": f"unknown symbol: {name}"}, status=404)
    except TimeoutError:
        return _json({"error": "upstream timed out"}, status=504)
    return _json({"symbol": name, "price": price})
