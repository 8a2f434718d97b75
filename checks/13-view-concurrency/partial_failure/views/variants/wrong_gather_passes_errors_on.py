# expect: answered 500 for the whole page
# expect-ru: поэтому Django ответил 500 на всю страницу
# Per-call timeouts, but nothing catches: the first failure leaves gather and takes the page down.
import asyncio
import time

import upstreams
from django.http import JsonResponse

TIMEOUT = 0.5


async def fetch_section(client, path):
    response = await client.get(path, timeout=TIMEOUT)
    response.raise_for_status()
    return response.json()


async def dashboard(request):
    started = time.perf_counter()
    client = upstreams.get_client()
    sections = await asyncio.gather(*(fetch_section(client, path) for path in upstreams.SERVICES.values()))
    page = dict(zip(upstreams.SERVICES, sections, strict=True))
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
