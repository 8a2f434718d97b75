# expect: never awaited
# expect-ru: не дождались результата через `await`
# aexists() without await: a coroutine object is always true, so the site is always down.
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
        if Switch.objects.filter(name="maintenance", on=True).aexists():
            return HttpResponse("Down for maintenance.\n", status=503, headers={"Retry-After": "60"})
        return await self.get_response(request)
