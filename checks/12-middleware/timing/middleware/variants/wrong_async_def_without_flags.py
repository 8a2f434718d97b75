# expect: Django treats it as sync-only
# expect-ru: Django считает его только синхронным
# An async def middleware but no flags: Django still takes the factory for sync-only.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

import time


def timing_middleware(get_response):
    async def middleware(request):
        started = time.perf_counter()
        response = await get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    return middleware
