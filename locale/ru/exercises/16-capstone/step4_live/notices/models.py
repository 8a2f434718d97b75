"""Единственная модель доски: объявление, опубликованное здесь (source "local") или полученное из внешней ленты."""

from django.db import models
from django.utils import timezone


class Notice(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, default="")
    source = models.CharField(max_length=50, default="local")
    # Собственный id элемента в ленте ("alpha-17"); None у локальных объявлений. Уникален, так что
    # элемент, полученный дважды, нельзя сохранить дважды (SQLite и PostgreSQL допускают много NULL в
    # уникальном столбце).
    external_id = models.CharField(max_length=200, unique=True, null=True, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]  # сначала новые

    def __str__(self):
        return self.title

    def to_json(self):
        """Объявление в виде словаря, готового к JSON (без обращения к базе данных)."""
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "source": self.source,
            "created": self.created.isoformat(),
        }
