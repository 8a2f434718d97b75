# expect: thread_sensitive=True` by default
# expect-ru: по умолчанию `thread_sensitive=True`
import asyncio

import legacy_geo
from asgiref.sync import sync_to_async
from django.http import JsonResponse


async def locate(request):
    ips = request.GET.getlist("ip")
    lookup = sync_to_async(legacy_geo.lookup)  # thread-sensitive (the default): one thread per request
    results = await asyncio.gather(*(lookup(ip) for ip in ips))
    return JsonResponse({"results": results})
