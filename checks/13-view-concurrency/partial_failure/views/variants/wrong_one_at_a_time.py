# expect: in flight at the same time
# expect-ru: Одновременно выполнялось не больше
import time

import httpx
import upstreams
from django.http import JsonResponse

TIMEOUT = 0.5


async def fetch_section(client, path):
    try:
        response = await client.get(path, timeout=TIMEOUT)
        response.raise_for_status()
        return response.json()
    except httpx.TimeoutException:
        return {"error": "timeout"}
    except httpx.HTTPError:
        return {"error": "unavailable"}


async def dashboard(request):
    started = time.perf_counter()
    client = upstreams.get_client()
    page = {}
    for name, path in upstreams.SERVICES.items():
        page[name] = await fetch_section(client, path)
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
