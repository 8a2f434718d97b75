# Another correct answer: a BoundedSemaphore and a TaskGroup instead of gather.
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
    limit = asyncio.BoundedSemaphore(MAX_IN_FLIGHT)

    async def price(item_id):
        async with limit:
            response = await client.get(f"/prices/{item_id}/")
        return response.json()

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(price(item_id)) for item_id in asked_ids(request)]
    return JsonResponse(
        {"prices": [t.result() for t in tasks], "took_ms": round((time.perf_counter() - started) * 1000)}
    )
