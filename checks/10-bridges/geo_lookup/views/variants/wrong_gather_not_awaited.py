# expect: forget `await`
# expect-ru: вы забыли `await`
import asyncio

import legacy_geo
from asgiref.sync import sync_to_async
from django.http import JsonResponse


async def locate(request):
    lookup = sync_to_async(legacy_geo.lookup, thread_sensitive=False)
    results = asyncio.gather(*(lookup(ip) for ip in request.GET.getlist("ip")))
    return JsonResponse({"results": list(results)})
