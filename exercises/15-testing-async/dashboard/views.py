"""Two async views. They work: your job is to prove it, in tests.py.

GET /events/     Server-Sent Events, forever: a `tick` event at once, then one every TICK_SECONDS
                 (`event: tick`, `data: {"n": 0}`, a blank line), as `text/event-stream`.
GET /dashboard/  the weather and the news from the upstream API (upstream.py), fetched at the same
                 time; a part whose upstream fails (an error status, a timeout) is null, never a 500.
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
        while True:  # an event stream stays open until the client leaves
            yield f"event: tick\ndata: {json.dumps({'n': n})}\n\n"
            n += 1
            await asyncio.sleep(TICK_SECONDS)

    return StreamingHttpResponse(ticks(), content_type="text/event-stream", headers={"Cache-Control": "no-cache"})


async def fetch_part(client, path):
    """The upstream's JSON for `path`, or None when the upstream fails."""
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
