# Another correct answer: MAX_IN_FLIGHT workers take ids from a queue; results stored by position.
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
    ids = asked_ids(request)
    results = [None] * len(ids)
    queue = asyncio.Queue()
    for index, item_id in enumerate(ids):
        queue.put_nowait((index, item_id))

    async def worker():
        while not queue.empty():
            index, item_id = queue.get_nowait()
            response = await client.get(f"/prices/{item_id}/")
            results[index] = response.json()

    async with asyncio.TaskGroup() as group:
        for _ in range(min(MAX_IN_FLIGHT, len(ids))):
            group.create_task(worker())
    return JsonResponse({"prices": results, "took_ms": round((time.perf_counter() - started) * 1000)})
