"""Единственное представление проекта: медленный отчёт (запрос, который засыпает на сервере), выполняемый
так, как Django выполняет любой запрос из асинхронного кода: в потоке, через `sync_to_async`.
(Прочитайте его; править не нужно.)"""

from asgiref.sync import sync_to_async
from django.db import connection
from django.http import JsonResponse


def _slow_report(seconds):
    """Один запрос на `seconds` секунд на сервере; возвращает серверный процесс (backend), который его выполнил."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid() FROM pg_sleep(%s)", [seconds])
        return cursor.fetchone()[0]


async def report(request):
    """GET /report/?seconds=0.2: выполнить медленный запрос и сообщить, какое серверное соединение его выполнило."""
    seconds = min(float(request.GET.get("seconds", "0.2")), 5.0)
    backend = await sync_to_async(_slow_report)(seconds)
    return JsonResponse({"backend": backend, "slept": seconds})
