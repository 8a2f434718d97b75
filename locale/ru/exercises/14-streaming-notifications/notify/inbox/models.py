"""Единственная модель входящих: уведомление (прочитайте; править не нужно)."""

from django.db import models


class Notification(models.Model):
    text = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def as_event(self):
        """То, что стрим отправляет для этого уведомления (события брокера — словари с "id")."""
        return {"id": self.pk, "text": self.text}
