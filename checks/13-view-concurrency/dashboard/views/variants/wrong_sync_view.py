# expect: plain `def` view
# expect-ru: обычное представление на `def`
# A sync view that runs the async work through async_to_sync: Django gives it a worker thread.
import asyncio
import time

import upstreams
from asgiref.sync import async_to_sync
from django.http import JsonResponse


async def fetch_all():
    client = upstreams.get_client()
    responses = await asyncio.gather(*(client.get(path) for path in upstreams.SERVICES.values()))
    return {name: response.json() for name, response in zip(upstreams.SERVICES, responses, strict=True)}


def dashboard(request):
    started = time.perf_counter()
    page = async_to_sync(fetch_all)()
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
