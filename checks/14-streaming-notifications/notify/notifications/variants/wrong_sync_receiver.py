# expect: plain `def` receiver
# expect-ru: получатель сигнала на обычном `def`
# A sync receiver that also writes an audit line: asend() has to run it in a worker thread.
import json

import broker
from django.dispatch import receiver
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from inbox.models import Notification
from inbox.signals import notification_created


@receiver(notification_created)
def push_notification(sender, notification, **kwargs):
    """Deliver a new notification to every connected stream."""
    print(f"audit: notification {notification.pk}", flush=True)
    broker.publish(notification.as_event())  # only puts it on queues: nothing to wait for


@csrf_exempt
@require_POST
async def notify(request):
    """POST /notify/ {"text": "..."}: save the notification, signal it, answer 201 with it."""
    try:
        text = str(json.loads(request.body)["text"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": 'send JSON like {"text": "..."}'}, status=400)
    notification = await Notification.objects.acreate(text=text)  # saved: it has its id now
    # asend (Django 5.0+) awaits async receivers right here, on this event loop.
    await notification_created.asend(sender=Notification, notification=notification)
    return JsonResponse(notification.as_event(), status=201)
