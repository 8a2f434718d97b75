# Another correct answer: build then asave(), connect() instead of the decorator, asend_robust.
import json

import broker
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from inbox.models import Notification
from inbox.signals import notification_created


async def push_notification(sender, notification, **kwargs):
    """Deliver a new notification to every connected stream."""
    broker.publish(notification.as_event())  # only puts it on queues: nothing to wait for


notification_created.connect(push_notification)


@csrf_exempt
@require_POST
async def notify(request):
    """POST /notify/ {"text": "..."}: save the notification, signal it, answer 201 with it."""
    try:
        text = str(json.loads(request.body)["text"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": 'send JSON like {"text": "..."}'}, status=400)
    notification = Notification(text=text)
    await notification.asave()
    # asend (Django 5.0+) awaits async receivers right here, on this event loop.
    results = await notification_created.asend_robust(sender=Notification, notification=notification)
    for receiver_function, outcome in results:
        if isinstance(outcome, Exception):
            print(f"{receiver_function.__name__} failed: {outcome!r}")
    return JsonResponse(notification.as_event(), status=201)
