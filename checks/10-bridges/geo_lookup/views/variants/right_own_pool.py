import asyncio
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import sync_to_async
from django.http import JsonResponse
from legacy_geo import lookup

# A pool of its own caps how many threads the legacy client may use, whatever else the server does.
GEO_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="geo")
lookup_async = sync_to_async(lookup, thread_sensitive=False, executor=GEO_POOL)


async def locate(request):
    ips = request.GET.getlist("ip")
    results = await asyncio.gather(*[lookup_async(ip) for ip in ips])
    return JsonResponse({"results": list(results)})
