"""A middleware that adds a `Server-Timing` header: how long the rest of the stack took.

It is async (and says so with `async_capable`/`sync_capable`), so under ASGI Django calls it on the
event loop, with no thread in between. A sync-only middleware here would wrap every request in a thread.
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
