# expect: at most 1 of the three upstream calls
# expect-ru: не больше 1 из трёх вызовов внешних сервисов
# Creating the coroutines first does not start them: each one runs only when it is awaited.
import time

import upstreams
from django.http import JsonResponse


async def dashboard(request):
    started = time.perf_counter()
    client = upstreams.get_client()
    pending = {name: client.get(path) for name, path in upstreams.SERVICES.items()}
    page = {}
    for name, coroutine in pending.items():
        page[name] = (await coroutine).json()
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
