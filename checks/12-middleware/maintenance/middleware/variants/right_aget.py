# aget() with DoesNotExist handled, a helper coroutine, and the instance marked unconditionally (with
# sync_capable = False, Django always hands an async-only middleware an async get_response).
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

from asgiref.sync import markcoroutinefunction
from django.http import HttpResponse
from switches.models import Switch


async def in_maintenance() -> bool:
    try:
        switch = await Switch.objects.aget(name="maintenance")
    except Switch.DoesNotExist:
        return False
    return switch.on


class MaintenanceMiddleware:
    async_capable = True
    sync_capable = False

    def __init__(self, get_response):
        self.get_response = get_response
        markcoroutinefunction(self)

    async def __call__(self, request):
        if await in_maintenance():
            return HttpResponse("Back soon!\n", status=503, headers={"Retry-After": "60"})
        response = await self.get_response(request)
        return response
