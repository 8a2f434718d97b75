# Сделайте так, чтобы `dashboard` запрашивал три внешних сервиса ОДНОВРЕМЕННО: запустите все запросы, а
# потом дождитесь их всех. Ответ оставьте прежним: JSON каждого сервиса под его именем плюс "took_ms".
# Используйте единственный клиент проекта, `upstreams.get_client()`, и никогда не блокируйте событийный цикл.
# Урок 13: Конкурентность внутри представления (`tutor lesson 13`)

import asyncio
import time

import upstreams
from django.http import JsonResponse


async def dashboard(request):
    """GET /dashboard/: {"weather": {...}, "news": {...}, "rates": {...}, "took_ms": 312}."""
    started = time.perf_counter()
    client = upstreams.get_client()
    # gather запускает три запроса вместе и возвращает ответы в том порядке, в каком их запросили.
    responses = await asyncio.gather(*(client.get(path) for path in upstreams.SERVICES.values()))
    page = {name: response.json() for name, response in zip(upstreams.SERVICES, responses, strict=True)}
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
