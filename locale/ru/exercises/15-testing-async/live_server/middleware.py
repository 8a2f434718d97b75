"""Middleware, который добавляет заголовок `Server-Timing`: сколько времени заняла остальная часть стека.

Он асинхронный (и сообщает об этом через `async_capable`/`sync_capable`), поэтому под ASGI Django
вызывает его прямо в событийном цикле, без промежуточного потока. Синхронный middleware на этом месте
оборачивал бы каждый запрос в поток.
"""

import time

from asgiref.sync import markcoroutinefunction


class ServerTimingMiddleware:
    async_capable = True
    sync_capable = False

    def __init__(self, get_response):
        self.get_response = get_response
        markcoroutinefunction(self)

    async def __call__(self, request):
        start = time.perf_counter()
        response = await self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.1f}"
        return response
