# expect: Read the clock before calling `get_response` and again after it returned
# expect-ru: Засеките время перед вызовом `get_response` и ещё раз после того
# The async branch computes the duration before awaiting the view.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

import time

from asgiref.sync import iscoroutinefunction
from django.utils.decorators import sync_and_async_middleware


@sync_and_async_middleware
def timing_middleware(get_response):
    if iscoroutinefunction(get_response):

        async def middleware(request):
            started = time.perf_counter()
            pending = get_response(request)
            elapsed_ms = (time.perf_counter() - started) * 1000
            response = await pending
            response["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
            return response

    else:

        def middleware(request):
            started = time.perf_counter()
            response = get_response(request)
            response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
            return response

    return middleware
