# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
import asyncio
import time

import legacy_geo
from asgiref.sync import sync_to_async
from django.http import JsonResponse


async def locate(request):
    time.sleep(0.2)  # "be gentle with the legacy service": blocks every request on the server
    lookup = sync_to_async(legacy_geo.lookup, thread_sensitive=False)
    results = await asyncio.gather(*(lookup(ip) for ip in request.GET.getlist("ip")))
    return JsonResponse({"results": results})
