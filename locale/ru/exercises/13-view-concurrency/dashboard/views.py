# Сделайте так, чтобы `dashboard` запрашивал три внешних сервиса ОДНОВРЕМЕННО: запустите все запросы, а
# потом дождитесь их всех. Ответ оставьте прежним: JSON каждого сервиса под его именем плюс "took_ms".
# Используйте единственный клиент проекта, `upstreams.get_client()`, и никогда не блокируйте событийный цикл.
# Урок 13: Конкурентность внутри представления (`tutor lesson 13`)

import time

import upstreams
from django.http import JsonResponse


async def dashboard(request):
    """GET /dashboard/: {"weather": {...}, "news": {...}, "rates": {...}, "took_ms": 312}."""
    started = time.perf_counter()
    client = upstreams.get_client()
    page = {}
    # TODO: сейчас представление спрашивает один сервис, ждёт ответа и только потом спрашивает следующий:
    # ожидания складываются.
    for name, path in upstreams.SERVICES.items():
        response = await client.get(path)
        page[name] = response.json()
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
