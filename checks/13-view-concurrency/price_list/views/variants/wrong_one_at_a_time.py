# expect: only 1 call was in flight at a time
# expect-ru: одновременно выполнялся только 1 вызов
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
    results = []
    for item_id in asked_ids(request):
        response = await client.get(f"/prices/{item_id}/")
        results.append(response.json())
    return JsonResponse({"prices": results, "took_ms": round((time.perf_counter() - started) * 1000)})
