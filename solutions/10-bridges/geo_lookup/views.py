# `locate` answers GET /locate?ip=A&ip=B with {"results": [lookup(A), lookup(B)]}, in that order.
# `legacy_geo.lookup` is a slow *blocking* sync function. Call it from this async view without
# blocking the event loop, and look all the addresses up at the same time, not one by one.
# Lesson 10: Bridging sync and async (`tutor lesson 10`)

import asyncio

import legacy_geo
from asgiref.sync import sync_to_async
from django.http import JsonResponse

# thread_sensitive=False: each call may take any thread of the pool, so gathered calls overlap.
# Right for a library that shares nothing between calls; never for the ORM.
lookup = sync_to_async(legacy_geo.lookup, thread_sensitive=False)


async def locate(request):
    """GET /locate?ip=...&ip=...: the location of every address, in the order asked."""
    ips = request.GET.getlist("ip")
    results = await asyncio.gather(*(lookup(ip) for ip in ips))
    return JsonResponse({"results": results})
