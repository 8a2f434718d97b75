# expect: async_to_sync
# expect-ru: async_to_sync
# Async-only: fine under ASGI, but WSGI (and django.test.Client) must wrap it in async_to_sync.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

import time

from django.utils.decorators import async_only_middleware


@async_only_middleware
def timing_middleware(get_response):
    async def middleware(request):
        started = time.perf_counter()
        response = await get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    return middleware
