# expect: Your `__call__` is a plain `def`
# expect-ru: Ваш `__call__` — обычный `def`
# Flags say async-only, but __call__ is still the sync one.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

from django.http import HttpResponse
from switches.models import Switch


class MaintenanceMiddleware:
    async_capable = True
    sync_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if Switch.objects.filter(name="maintenance", on=True).exists():
            return HttpResponse("Down for maintenance.\n", status=503, headers={"Retry-After": "60"})
        return self.get_response(request)
