# expect: blocking client
# expect-ru: через блокирующий клиент
# A sync client (like `requests`) inside async def: every call holds the event loop.
import time

import httpx
import upstreams
from django.http import JsonResponse


async def dashboard(request):
    started = time.perf_counter()
    page = {}
    with httpx.Client(base_url=upstreams.BASE_URL) as client:
        for name, path in upstreams.SERVICES.items():
            page[name] = client.get(path).json()
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
