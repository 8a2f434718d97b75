# expect: in the order asked
# expect-ru: в порядке запроса
import asyncio

import legacy_geo
from asgiref.sync import sync_to_async
from django.http import JsonResponse


async def locate(request):
    lookup = sync_to_async(legacy_geo.lookup, thread_sensitive=False)
    tasks = [lookup(ip) for ip in request.GET.getlist("ip")]
    results = [await done for done in asyncio.as_completed(tasks)]  # the order they finish in
    results.sort(key=lambda found: found["ip"])
    return JsonResponse({"results": results})
