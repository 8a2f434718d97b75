# Django's MiddlewareMixin is async-capable (since 3.1): process_request / process_response run in
# both modes (in async mode each hook runs in a worker thread through sync_to_async).
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

import time

from django.utils.deprecation import MiddlewareMixin


class TimingMiddleware(MiddlewareMixin):
    def process_request(self, request):
        request.timing_started = time.perf_counter_ns()

    def process_response(self, request, response):
        elapsed_ms = (time.perf_counter_ns() - request.timing_started) / 1_000_000
        response["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
        return response


timing_middleware = TimingMiddleware
