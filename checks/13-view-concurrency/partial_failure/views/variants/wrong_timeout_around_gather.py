# expect: A timeout around the whole `gather` cancels every call
# expect-ru: Тайм-аут вокруг всего `gather` отменяет все вызовы
import asyncio
import time

import httpx
import upstreams
from django.http import JsonResponse

TIMEOUT = 0.5


async def fetch_section(client, path):
    try:
        response = await client.get(path)
        response.raise_for_status()
        return response.json()
    except httpx.HTTPError:
        return {"error": "unavailable"}


async def dashboard(request):
    started = time.perf_counter()
    client = upstreams.get_client()
    try:
        async with asyncio.timeout(TIMEOUT):
            sections = await asyncio.gather(*(fetch_section(client, p) for p in upstreams.SERVICES.values()))
    except TimeoutError:
        sections = [{"error": "timeout"}] * len(upstreams.SERVICES)
    page = dict(zip(upstreams.SERVICES, sections, strict=True))
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
