# expect: did you forget `await`
# expect-ru: вы забыли `await`
import asyncio
import time

import httpx
import upstreams
from django.http import JsonResponse

TIMEOUT = 0.5


async def fetch_section(client, path):
    try:
        response = client.get(path, timeout=TIMEOUT)
        response.raise_for_status()
        return response.json()
    except httpx.TimeoutException:
        return {"error": "timeout"}
    except httpx.HTTPError:
        return {"error": "unavailable"}


async def dashboard(request):
    started = time.perf_counter()
    client = upstreams.get_client()
    sections = await asyncio.gather(*(fetch_section(client, path) for path in upstreams.SERVICES.values()))
    page = dict(zip(upstreams.SERVICES, sections, strict=True))
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
