"""Два асинхронных представления. Они работают: ваша задача — доказать это под настоящим сервером, в tests.py.

GET /slow/     ждёт SLOW_SECONDS, не блокируя цикл (представьте медленный внешний сервис), затем отвечает
               {"in_flight": N}: сколько запросов было внутри этого представления, когда этот закончил
               ждать (включая его самого). Пересекающиеся запросы видят N > 1, обслуженные по одному — 1.
GET /ticker/   тело text/plain, отдаваемое по частям: "tick 0\n" сразу, затем "tick 1\n" и "tick 2\n"
               с интервалом TICK_SECONDS. Клиент должен получить первую строку задолго до конца тела.
"""

import asyncio

from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

SLOW_SECONDS = 0.3
TICK_SECONDS = 0.2
in_flight = 0


@require_GET
async def slow(request):
    global in_flight
    in_flight += 1
    try:
        await asyncio.sleep(SLOW_SECONDS)
        return JsonResponse({"in_flight": in_flight})
    finally:
        in_flight -= 1


async def ticks():
    for n in range(3):
        if n:
            await asyncio.sleep(TICK_SECONDS)
        yield f"tick {n}\n"


@require_GET
async def ticker(request):
    return StreamingHttpResponse(ticks(), content_type="text/plain")
