# expect: Django treats it as sync-only
# expect-ru: Django считает его только синхронным
# Async __call__ and the mark, but no flags: Django takes the class for sync-only.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpResponse
from switches.models import Switch


class MaintenanceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    async def __call__(self, request):
        if await Switch.objects.filter(name="maintenance", on=True).aexists():
            return HttpResponse("Down for maintenance.\n", status=503, headers={"Retry-After": "60"})
        return await self.get_response(request)
