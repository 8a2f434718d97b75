"""Два представления, которые сообщают, как их обслужили: класс запроса, созданный Django
(ASGIRequest под ASGI-сервером, WSGIRequest под WSGI-сервером), загруженный модуль настроек и
поток, в котором выполнялось представление (под ASGI: поток событийного цикла сервера для
асинхронного представления, рабочий поток для синхронного).
"""

import threading

from django.conf import settings
from django.http import JsonResponse


def _report(request, view: str) -> JsonResponse:
    return JsonResponse(
        {
            "request": type(request).__name__,
            "settings": settings.SETTINGS_MODULE,
            "view": view,
            "thread": threading.current_thread().name,
        }
    )


async def async_whoami(request):
    return _report(request, "async")


def sync_whoami(request):
    return _report(request, "sync")
