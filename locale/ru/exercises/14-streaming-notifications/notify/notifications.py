# POST /notify/ с {"text": "..."} сохраняет Notification и объявляет о нём сигналом `notification_created`;
# получатель сигнала здесь кладёт его в брокер, так что каждый клиент GET /events/ получает его вживую. Этот
# код времён WSGI блокирует событийный цикл (синхронная ORM) и отправляет сигнал через send(), который не
# может вызывать асинхронных получателей из асинхронного кода. Используйте `acreate`, затем, когда строка
# сохранена, `await notification_created.asend(...)`, и сделайте `push_notification` асинхронным
# получателем, который публикует `notification.as_event()`.
# Урок 14: Стриминг и уведомления (`tutor lesson 14`)

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
    """Доставить новое уведомление во все подключённые стримы."""
    broker.publish(notification.as_event())


@csrf_exempt
@require_POST
async def notify(request):
    """POST /notify/ {"text": "..."}: сохранить уведомление, отправить сигнал, ответить 201 с уведомлением."""
    try:
        text = str(json.loads(request.body)["text"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": 'send JSON like {"text": "..."}'}, status=400)
    notification = Notification.objects.create(text=text)
    notification_created.send(sender=Notification, notification=notification)
    return JsonResponse(notification.as_event(), status=201)
