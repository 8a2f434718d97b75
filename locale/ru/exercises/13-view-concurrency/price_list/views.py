# Запрашивайте все цены конкурентно, но так, чтобы у этого запроса одновременно выполнялось не больше
# `MAX_IN_FLIGHT` вызовов: `asyncio.Semaphore`, общий для вызовов запроса. Результаты должны идти в порядке
# запрошенных идентификаторов. GET /prices/?ids=3,1,2 -> {"prices": [{...id 3...}, ...], "took_ms": 315}
# Урок 13: Конкурентность внутри представления (`tutor lesson 13`)

import asyncio
import time

import upstreams
from django.http import JsonResponse

MAX_IN_FLIGHT = 4  # сервис цен допускает 4 запроса одновременно


def asked_ids(request):
    """Идентификаторы из ?ids=3,1,2 (от 1 до 12, если ничего не передано)."""
    raw = request.GET.get("ids", "")
    return [int(part) for part in raw.split(",") if part.strip().isdigit()] or list(range(1, 13))


async def prices(request):
    """GET /prices/?ids=...: {"prices": [по JSON-объекту на идентификатор, по порядку], "took_ms": N}."""
    started = time.perf_counter()
    client = upstreams.get_client()

    async def price(item_id):
        response = await client.get(f"/prices/{item_id}/")
        return response.json()

    # TODO: здесь все запросы отправляются сразу, а сервис допускает `MAX_IN_FLIGHT` одновременно.
    results = await asyncio.gather(*(price(item_id) for item_id in asked_ids(request)))
    return JsonResponse({"prices": results, "took_ms": round((time.perf_counter() - started) * 1000)})
