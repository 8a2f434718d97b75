"""The board's one model: a notice, posted here (source "local") or fetched from an external feed."""

from django.db import models
from django.utils import timezone


class Notice(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, default="")
    source = models.CharField(max_length=50, default="local")
    # The feed's own id for an item ("alpha-17"); None for local notices. Unique, so an item fetched
    # twice cannot be stored twice (SQLite and PostgreSQL allow many NULLs in a unique column).
    external_id = models.CharField(max_length=200, unique=True, null=True, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]  # newest first

    def __str__(self):
        return self.title

    def to_json(self):
        """The notice as a JSON-ready dict (no database access)."""
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "source": self.source,
            "created": self.created.isoformat(),
        }
