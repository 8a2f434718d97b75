"""The inbox's one model: a notification (read it; no need to edit)."""

from django.db import models


class Notification(models.Model):
    text = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def as_event(self):
        """What the stream sends for this notification (the broker's events are dicts with an "id")."""
        return {"id": self.pk, "text": self.text}
