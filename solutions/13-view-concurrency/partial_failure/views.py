# One broken service must not break the page. Give every upstream call its own timeout (TIMEOUT
# seconds) and catch its failure: a timeout shows as {"error": "timeout"}, an error status or a
# refused connection as {"error": "unavailable"}; the other sections still show their JSON and the
# page answers 200. Keep the calls concurrent.
# Lesson 13: Concurrency inside a view (`tutor lesson 13`)

import asyncio
import time

import httpx
import upstreams
from django.http import JsonResponse

TIMEOUT = 0.5  # seconds: the longest one service may take


async def fetch_section(client, path):
    """One service's JSON, or {"error": ...}: this call's failure stays in this section."""
    try:
        response = await client.get(path, timeout=TIMEOUT)  # this call's own timeout
        response.raise_for_status()  # an error status is no exception until you ask
        return response.json()
    except httpx.TimeoutException:  # before HTTPError: a timeout is an HTTPError too
        return {"error": "timeout"}
    except httpx.HTTPError:  # an error status, a refused connection...
        return {"error": "unavailable"}


async def dashboard(request):
    """GET /dashboard/: every service's JSON under its name (or its error), plus "took_ms"."""
    started = time.perf_counter()
    client = upstreams.get_client()
    sections = await asyncio.gather(*(fetch_section(client, path) for path in upstreams.SERVICES.values()))
    page = dict(zip(upstreams.SERVICES, sections, strict=True))
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
