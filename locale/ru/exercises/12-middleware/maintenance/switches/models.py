from django.db import models


class Switch(models.Model):
    """Именованный флаг вкл/выкл, который сайт читает во время работы: `Switch(name="maintenance", on=True)`."""

    name = models.SlugField(unique=True)
    on = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.name}: {'on' if self.on else 'off'}"
