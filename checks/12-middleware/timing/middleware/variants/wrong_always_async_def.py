# expect: returned an `async def` middleware
# expect-ru: вернул middleware на `async def`
# Marked for both modes, but the middleware is always async: the sync stack gets a coroutine.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

import time

from django.utils.decorators import sync_and_async_middleware


@sync_and_async_middleware
def timing_middleware(get_response):
    async def middleware(request):
        started = time.perf_counter()
        response = await get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    return middleware
