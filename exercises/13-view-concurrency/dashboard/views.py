# Make `dashboard` fetch its three upstream services AT THE SAME TIME: start every request, then
# await them all. Keep the answer as it is: each service's JSON under its name, plus "took_ms".
# Use the project's one client, `upstreams.get_client()`, and never block the event loop.
# Lesson 13: Concurrency inside a view (`tutor lesson 13`)

import time

import upstreams
from django.http import JsonResponse


async def dashboard(request):
    """GET /dashboard/: {"weather": {...}, "news": {...}, "rates": {...}, "took_ms": 312}."""
    started = time.perf_counter()
    client = upstreams.get_client()
    page = {}
    # TODO: this asks one service, waits for its answer, then asks the next: the waits add up.
    for name, path in upstreams.SERVICES.items():
        response = await client.get(path)
        page[name] = response.json()
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
