# Another correct answer: an async class-based view, and the receiver imported helpers by name.
import json

from broker import publish
from django.dispatch import receiver
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from inbox.models import Notification
from inbox.signals import notification_created


@receiver(notification_created, dispatch_uid="push-notification")
async def push_notification(sender, notification, **kwargs):
    publish({"id": notification.pk, "text": notification.text})


@method_decorator(csrf_exempt, name="dispatch")
class Notify(View):
    http_method_names = ["post"]  # noqa: RUF012 - as Django declares it

    async def post(self, request):
        try:
            text = str(json.loads(request.body)["text"])
        except (ValueError, KeyError, TypeError):
            return JsonResponse({"error": "bad request"}, status=400)
        notification = await Notification.objects.acreate(text=text)
        await notification_created.asend(sender=Notification, notification=notification)
        return JsonResponse({"id": notification.pk, "text": notification.text}, status=201)


notify = Notify.as_view()
