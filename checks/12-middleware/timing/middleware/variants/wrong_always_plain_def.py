# expect: returned a plain `def` middleware
# expect-ru: вернул обычный middleware на `def`
# Marked for both modes, but the middleware is always a plain function: not really async.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

import time

from django.utils.decorators import sync_and_async_middleware


@sync_and_async_middleware
def timing_middleware(get_response):
    def middleware(request):
        started = time.perf_counter()
        response = get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    return middleware
