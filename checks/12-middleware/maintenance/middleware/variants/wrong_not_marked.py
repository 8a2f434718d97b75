# expect: markcoroutinefunction(self)
# expect-ru: markcoroutinefunction(self)
# An async __call__ and the right flags, but the instance is never marked.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

from django.http import HttpResponse
from switches.models import Switch


class MaintenanceMiddleware:
    async_capable = True
    sync_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    async def __call__(self, request):
        if await Switch.objects.filter(name="maintenance", on=True).aexists():
            return HttpResponse("Down for maintenance.\n", status=503, headers={"Retry-After": "60"})
        return await self.get_response(request)
