# Another correct answer: gather(return_exceptions=True), a client timeout per call, and the
# exceptions sorted out afterwards.
import asyncio
import time

import httpx
import upstreams
from django.http import JsonResponse

TIMEOUT = 0.5


async def fetch_json(client, path):
    response = await client.get(path, timeout=httpx.Timeout(TIMEOUT))
    response.raise_for_status()
    return response.json()


def section(result):
    if isinstance(result, httpx.TimeoutException):
        return {"error": "timeout"}
    if isinstance(result, httpx.HTTPError):
        return {"error": "unavailable"}
    if isinstance(result, BaseException):
        raise result  # a bug of ours: let it show
    return result


async def dashboard(request):
    started = time.perf_counter()
    client = upstreams.get_client()
    calls = (fetch_json(client, path) for path in upstreams.SERVICES.values())
    results = await asyncio.gather(*calls, return_exceptions=True)
    page = {name: section(result) for name, result in zip(upstreams.SERVICES, results, strict=True)}
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
