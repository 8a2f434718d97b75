# expect: made an HTTP client of its own
# expect-ru: создало для своих вызовов собственный HTTP-клиент
# Concurrent, but a new client (a new pool, new connections) for every request.
import asyncio
import time

import httpx
import upstreams
from django.http import JsonResponse


async def dashboard(request):
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=upstreams.BASE_URL) as client:
        responses = await asyncio.gather(*(client.get(path) for path in upstreams.SERVICES.values()))
    page = {name: response.json() for name, response in zip(upstreams.SERVICES, responses, strict=True)}
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
