# Make `dashboard` fetch its three upstream services AT THE SAME TIME: start every request, then
# await them all. Keep the answer as it is: each service's JSON under its name, plus "took_ms".
# Use the project's one client, `upstreams.get_client()`, and never block the event loop.
# Lesson 13: Concurrency inside a view (`tutor lesson 13`)

import asyncio
import time

import upstreams
from django.http import JsonResponse


async def dashboard(request):
    """GET /dashboard/: {"weather": {...}, "news": {...}, "rates": {...}, "took_ms": 312}."""
    started = time.perf_counter()
    client = upstreams.get_client()
    # gather starts the three requests together and gives their responses in the order asked.
    responses = await asyncio.gather(*(client.get(path) for path in upstreams.SERVICES.values()))
    page = {name: response.json() for name, response in zip(upstreams.SERVICES, responses, strict=True)}
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
