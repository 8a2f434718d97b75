"""Two views that say how they were served: the request class Django built (ASGIRequest under an
ASGI server, WSGIRequest under a WSGI one), the settings module it loaded, and the thread that
ran the view (under ASGI: the server's event loop thread for the async view, a worker thread
for the sync one).
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
