# expect: did you forget `await`
# expect-ru: вы забыли `await`
import asyncio
import time

import upstreams
from django.http import JsonResponse


async def dashboard(request):
    started = time.perf_counter()
    client = upstreams.get_client()
    responses = asyncio.gather(*(client.get(path) for path in upstreams.SERVICES.values()))
    page = {name: response.json() for name, response in zip(upstreams.SERVICES, responses, strict=True)}
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
