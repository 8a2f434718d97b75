"""A product of the shop; its price comes from the supplier (see the refresh_prices command)."""

from django.db import models


class Product(models.Model):
    sku = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)  # None until refreshed

    def __str__(self) -> str:
        return f"{self.sku} ({self.name})"
