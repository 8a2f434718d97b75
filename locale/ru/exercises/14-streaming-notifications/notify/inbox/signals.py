"""Собственный сигнал входящих (прочитайте; править не нужно).

Его отправляет тот, кто создаёт уведомление, передавая сохранённый Notification в `notification`:
`await notification_created.asend(sender=Notification, notification=notification)` (asend: Django 5.0+).
"""

from django.dispatch import Signal

notification_created = Signal()
