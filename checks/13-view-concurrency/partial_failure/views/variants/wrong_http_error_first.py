# expect: put `except httpx.TimeoutException` (or `TimeoutError`) first
# expect-ru: поставьте первым `except httpx.TimeoutException` (или `TimeoutError`)
import asyncio
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
    except httpx.HTTPError:
        return {"error": "unavailable"}
    except httpx.TimeoutException:
        return {"error": "timeout"}


async def dashboard(request):
    started = time.perf_counter()
    client = upstreams.get_client()
    sections = await asyncio.gather(*(fetch_section(client, path) for path in upstreams.SERVICES.values()))
    page = dict(zip(upstreams.SERVICES, sections, strict=True))
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
