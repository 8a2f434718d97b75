import asyncio

import legacy_geo
from django.http import JsonResponse


async def locate(request):
    """asyncio.to_thread (Python 3.9+) is the standard library's thread_sensitive=False."""
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(asyncio.to_thread(legacy_geo.lookup, ip)) for ip in request.GET.getlist("ip")]
    return JsonResponse({"results": [task.result() for task in tasks]})
