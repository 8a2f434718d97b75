# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
# "Be gentle with the APIs": a blocking pause inside async def stops the whole server.
import asyncio
import time

import upstreams
from django.http import JsonResponse


async def dashboard(request):
    started = time.perf_counter()
    client = upstreams.get_client()
    time.sleep(0.2)
    responses = await asyncio.gather(*(client.get(path) for path in upstreams.SERVICES.values()))
    page = {name: response.json() for name, response in zip(upstreams.SERVICES, responses, strict=True)}
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
