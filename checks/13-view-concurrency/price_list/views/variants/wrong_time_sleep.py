# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time

import upstreams
from django.http import JsonResponse

MAX_IN_FLIGHT = 4


def asked_ids(request):
    raw = request.GET.get("ids", "")
    return [int(part) for part in raw.split(",") if part.strip().isdigit()] or list(range(1, 13))


async def prices(request):
    started = time.perf_counter()
    client = upstreams.get_client()
    semaphore = asyncio.Semaphore(MAX_IN_FLIGHT)

    async def price(item_id):
        async with semaphore:
            response = await client.get(f"/prices/{item_id}/")
            time.sleep(0.05)  # "rate limiting"
        return response.json()

    results = await asyncio.gather(*(price(item_id) for item_id in asked_ids(request)))
    return JsonResponse({"prices": results, "took_ms": round((time.perf_counter() - started) * 1000)})
