# POST /notify/ with {"text": "..."} saves a Notification and announces it with the `notification_created`
# signal; a receiver here puts it on the broker, so every client of GET /events/ gets it live. This
# WSGI-era code blocks the event loop (sync ORM) and sends the signal with send(), which cannot call async
# receivers from async code. Use `acreate`, `await notification_created.asend(...)` after the row is saved,
# and make `push_notification` an async receiver that publishes `notification.as_event()`.
# Lesson 14: Streaming and notifications (`tutor lesson 14`)

import json

import broker
from django.dispatch import receiver
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from inbox.models import Notification
from inbox.signals import notification_created


@receiver(notification_created)
async def push_notification(sender, notification, **kwargs):
    """Deliver a new notification to every connected stream."""
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
