# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

import time

from asgiref.sync import iscoroutinefunction
from django.utils.decorators import sync_and_async_middleware


def report(elapsed_ms):
    time.sleep(0.2)  # stands in for a blocking call: sending the timing to a metrics service with `requests`


@sync_and_async_middleware
def timing_middleware(get_response):
    if iscoroutinefunction(get_response):

        async def middleware(request):
            started = time.perf_counter()
            response = await get_response(request)
            elapsed_ms = (time.perf_counter() - started) * 1000
            report(elapsed_ms)
            response["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
            return response

    else:

        def middleware(request):
            started = time.perf_counter()
            response = get_response(request)
            elapsed_ms = (time.perf_counter() - started) * 1000
            report(elapsed_ms)
            response["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
            return response

    return middleware
