# Built on Django's MiddlewareMixin: its __init__ marks the instance when get_response is async, and
# its __call__ hands over to __acall__, which this class replaces with its own.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

from django.http import HttpResponse
from django.utils.deprecation import MiddlewareMixin
from switches.models import Switch


class MaintenanceMiddleware(MiddlewareMixin):
    sync_capable = False
    async_capable = True

    async def __acall__(self, request):
        switch = await Switch.objects.filter(name="maintenance").afirst()
        if switch is not None and switch.on:
            response = HttpResponse("Down for maintenance, back soon.\n", status=503)
            response["Retry-After"] = "60"
            return response
        return await self.get_response(request)
