# expect: Django treats it as sync-only
# expect-ru: Django считает его только синхронным
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

import time


def timing_middleware(get_response):
    def middleware(request):
        started = time.perf_counter()
        response = get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    return middleware
