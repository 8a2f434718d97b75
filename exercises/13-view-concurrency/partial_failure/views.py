# One broken service must not break the page. Give every upstream call its own timeout (TIMEOUT
# seconds) and catch its failure: a timeout shows as {"error": "timeout"}, an error status or a
# refused connection as {"error": "unavailable"}; the other sections still show their JSON and the
# page answers 200. Keep the calls concurrent.
# Lesson 13: Concurrency inside a view (`tutor lesson 13`)

import asyncio
import time

import upstreams
from django.http import JsonResponse

TIMEOUT = 0.5  # seconds: the longest one service may take


async def dashboard(request):
    """GET /dashboard/: every service's JSON under its name (or its error), plus "took_ms"."""
    started = time.perf_counter()
    client = upstreams.get_client()
    # TODO: one hanging service stalls this for as long as the client's 5 s timeout, and one
    # failed service (an exception out of gather) turns the whole page into a 500.
    responses = await asyncio.gather(*(client.get(path) for path in upstreams.SERVICES.values()))
    page = {name: response.json() for name, response in zip(upstreams.SERVICES, responses, strict=True)}
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
