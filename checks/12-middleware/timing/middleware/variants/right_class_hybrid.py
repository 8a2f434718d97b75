# A class middleware for both modes, dispatching the way Django's own MiddlewareMixin does.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

import time

from asgiref.sync import iscoroutinefunction, markcoroutinefunction


class TimingMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)  # so Django (and the middleware above) await this instance

    def __call__(self, request):
        if self.async_mode:
            return self.__acall__(request)
        started = time.monotonic()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.monotonic() - started) * 1000:.2f}"
        return response

    async def __acall__(self, request):
        started = time.monotonic()
        response = await self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.monotonic() - started) * 1000:.2f}"
        return response


timing_middleware = TimingMiddleware
