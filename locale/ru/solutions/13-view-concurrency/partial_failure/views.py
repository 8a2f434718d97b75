# Один сломанный сервис не должен ломать страницу. Дайте каждому вызову внешнего сервиса собственный
# тайм-аут (TIMEOUT секунд) и перехватывайте его сбой: тайм-аут показывается как {"error": "timeout"},
# статус ошибки или отклонённое соединение — как {"error": "unavailable"}; остальные разделы
# по-прежнему показывают свой JSON, и страница отвечает 200. Вызовы должны остаться конкурентными.
# Урок 13: Конкурентность внутри представления (`tutor lesson 13`)

import asyncio
import time

import httpx
import upstreams
from django.http import JsonResponse

TIMEOUT = 0.5  # секунд: дольше этого ни один сервис не ждём


async def fetch_section(client, path):
    """JSON одного сервиса или {"error": ...}: сбой этого вызова остаётся в этом разделе."""
    try:
        response = await client.get(path, timeout=TIMEOUT)  # собственный тайм-аут этого вызова
        response.raise_for_status()  # статус ошибки не станет исключением, пока вы об этом не попросите
        return response.json()
    except httpx.TimeoutException:  # раньше HTTPError: тайм-аут — это тоже HTTPError
        return {"error": "timeout"}
    except httpx.HTTPError:  # статус ошибки, отклонённое соединение...
        return {"error": "unavailable"}


async def dashboard(request):
    """GET /dashboard/: JSON каждого сервиса под его именем (или его ошибка) плюс "took_ms"."""
    started = time.perf_counter()
    client = upstreams.get_client()
    sections = await asyncio.gather(*(fetch_section(client, path) for path in upstreams.SERVICES.values()))
    page = dict(zip(upstreams.SERVICES, sections, strict=True))
    page["took_ms"] = round((time.perf_counter() - started) * 1000)
    return JsonResponse(page)
