from django.db import models


class Switch(models.Model):
    """A named on/off flag the site reads while it runs: `Switch(name="maintenance", on=True)`."""

    name = models.SlugField(unique=True)
    on = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.name}: {'on' if self.on else 'off'}"
