"""Два представления, на которых можно опробовать ваш middleware (менять их не нужно).

`slow` асинхронное: оно ждёт `?ms=` миллисекунд (по умолчанию 300), ничего не блокируя, как вызов
другого сервиса. `hello` — обычное синхронное представление, которое под ASGI Django выполняет в рабочем потоке.
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
