# expect: a missing switch means off
# expect-ru: Отсутствующий переключатель означает «выключено»
# aget() without handling a missing switch.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpResponse
from switches.models import Switch


class MaintenanceMiddleware:
    async_capable = True
    sync_capable = False

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    async def __call__(self, request):
        switch = await Switch.objects.aget(name="maintenance")
        if switch.on:
            return HttpResponse("Down for maintenance.\n", status=503, headers={"Retry-After": "60"})
        return await self.get_response(request)
