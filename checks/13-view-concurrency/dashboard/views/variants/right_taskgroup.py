# Another correct answer: one task per service in a TaskGroup (Python 3.11+); the block waits for all.
import asyncio
import time

import upstreams
from django.http import JsonResponse


async def dashboard(request):
    started = time.perf_counter()
    client = upstreams.get_client()
    async with asyncio.TaskGroup() as group:
        tasks = {name: group.create_task(client.get(path)) for name, path in upstreams.SERVICES.items()}
    page = {name: task.result().json() for name, task in tasks.items()}
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
