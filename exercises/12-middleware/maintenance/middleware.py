# Rewrite `MaintenanceMiddleware` as an async-only class middleware: `async_capable = True`,
# `sync_capable = False`, `markcoroutinefunction(self)` in __init__ when get_response is a coroutine
# function, and `async def __call__`. While the "maintenance" Switch is on, answer 503 with a
# `Retry-After: 60` header without calling the view; otherwise return what get_response gives. A missing
# switch means "off". Read the switch with the async ORM (`await ....aexists()`, `aget`, `afirst`).
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

from django.http import HttpResponse
from switches.models import Switch


class MaintenanceMiddleware:
    # TODO: a sync-only middleware (no flags): under ASGI Django runs it, and with it the view
    # below it, through a thread hop on every request. Make it async-only.
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if Switch.objects.filter(name="maintenance", on=True).exists():
            return HttpResponse(
                "Down for maintenance, back soon.\n",
                status=503,
                headers={"Retry-After": "60"},
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
