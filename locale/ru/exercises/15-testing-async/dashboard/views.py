"""Два асинхронных представления. Они работают: ваша задача — доказать это в tests.py.

GET /events/     Server-Sent Events без конца: событие `tick` сразу, затем по одному каждые TICK_SECONDS
                 (`event: tick`, `data: {"n": 0}`, пустая строка), как `text/event-stream`.
GET /dashboard/  погода и новости из внешнего API (upstream.py), запрошенные одновременно; часть,
                 чей внешний сервис отказал (код ошибки, тайм-аут), равна null, но никогда не 500.
"""

import asyncio
import json

import httpx
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

import upstream

TICK_SECONDS = 0.1


@require_GET
async def events(request):
    async def ticks():
        n = 0
        while True:  # стрим событий остаётся открытым, пока клиент не уйдёт
            yield f"event: tick\ndata: {json.dumps({'n': n})}\n\n"
            n += 1
            await asyncio.sleep(TICK_SECONDS)

    return StreamingHttpResponse(ticks(), content_type="text/event-stream", headers={"Cache-Control": "no-cache"})


async def fetch_part(client, path):
    """JSON внешнего сервиса для `path` или None, если внешний сервис отказал."""
    try:
        response = await client.get(path)
        response.raise_for_status()
        return response.json()
    except (httpx.HTTPError, ValueError):
        return None


@require_GET
async def dashboard(request):
    async with upstream.client() as client:
        weather, news = await asyncio.gather(fetch_part(client, "/weather"), fetch_part(client, "/news"))
    return JsonResponse({"weather": weather, "news": news})
