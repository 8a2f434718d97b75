# expect: read their results before they had finished
# expect-ru: прочитали их результаты до того, как они завершились
# Tasks started, but nothing waits for them before their results are read.
import asyncio
import time

import upstreams
from django.http import JsonResponse


async def dashboard(request):
    started = time.perf_counter()
    client = upstreams.get_client()
    tasks = {name: asyncio.create_task(client.get(path)) for name, path in upstreams.SERVICES.items()}
    page = {name: task.result().json() for name, task in tasks.items()}
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
