# Fetch every price concurrently, but with at most MAX_IN_FLIGHT calls in flight at once for this
# request: an asyncio.Semaphore shared by the request's calls. Keep the results in the order of
# the ids asked for. GET /prices/?ids=3,1,2 -> {"prices": [{...id 3...}, ...], "took_ms": 315}
# Lesson 13: Concurrency inside a view (`tutor lesson 13`)

import asyncio
import time

import upstreams
from django.http import JsonResponse

MAX_IN_FLIGHT = 4  # the pricing service allows 4 requests at a time


def asked_ids(request):
    """The ids in ?ids=3,1,2 (1 to 12 when none are given)."""
    raw = request.GET.get("ids", "")
    return [int(part) for part in raw.split(",") if part.strip().isdigit()] or list(range(1, 13))


async def prices(request):
    """GET /prices/?ids=...: {"prices": [one JSON object per id, in order], "took_ms": N}."""
    started = time.perf_counter()
    client = upstreams.get_client()
    semaphore = asyncio.Semaphore(MAX_IN_FLIGHT)  # one per request, shared by its calls

    async def price(item_id):
        async with semaphore:  # at most MAX_IN_FLIGHT calls get past this line at once
            response = await client.get(f"/prices/{item_id}/")
        return response.json()

    results = await asyncio.gather(*(price(item_id) for item_id in asked_ids(request)))
    return JsonResponse({"prices": results, "took_ms": round((time.perf_counter() - started) * 1000)})
