"""The inbox's custom signal (read it; no need to edit).

Sent by whoever creates a notification, with the saved Notification as `notification`:
`await notification_created.asend(sender=Notification, notification=notification)` (asend: Django 5.0+).
"""

from django.dispatch import Signal

notification_created = Signal()
