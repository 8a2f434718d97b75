"""Two views to try your middleware on (you need not change them).

`slow` is async: it waits `?ms=` milliseconds (300 by default) without blocking, like a call to
another service. `hello` is a plain sync view, which Django runs in a worker thread under ASGI.
"""

import asyncio
import threading

from django.http import HttpResponse


async def slow(request):
    ms = int(request.GET.get("ms", "300"))
    await asyncio.sleep(ms / 1000)
    return HttpResponse(f"waited {ms} ms\n", content_type="text/plain; charset=utf-8")


def hello(request):
    thread = threading.current_thread().name
    return HttpResponse(f"hello from a sync view, on thread {thread}\n", content_type="text/plain; charset=utf-8")
