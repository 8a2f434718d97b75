# Один сломанный сервис не должен ломать страницу. Дайте каждому вызову внешнего сервиса собственный
# тайм-аут (TIMEOUT секунд) и перехватывайте его сбой: тайм-аут показывается как {"error": "timeout"},
# статус ошибки или отклонённое соединение — как {"error": "unavailable"}; остальные разделы
# по-прежнему показывают свой JSON, и страница отвечает 200. Вызовы должны остаться конкурентными.
# Урок 13: Конкурентность внутри представления (`tutor lesson 13`)

import asyncio
import time

import upstreams
from django.http import JsonResponse

TIMEOUT = 0.5  # секунд: дольше этого ни один сервис не ждём


async def dashboard(request):
    """GET /dashboard/: JSON каждого сервиса под его именем (или его ошибка) плюс "took_ms"."""
    started = time.perf_counter()
    client = upstreams.get_client()
    # TODO: один зависший сервис задерживает всё это на все 5 с тайм-аута клиента, а один упавший
    # сервис (исключение, вылетевшее из gather) превращает всю страницу в 500.
    responses = await asyncio.gather(*(client.get(path) for path in upstreams.SERVICES.values()))
    page = {name: response.json() for name, response in zip(upstreams.SERVICES, responses, strict=True)}
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
