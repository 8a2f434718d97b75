"""Товар магазина; его цена приходит от поставщика (см. команду refresh_prices)."""

from django.db import models


class Product(models.Model):
    sku = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)  # None, пока цену не обновили

    def __str__(self) -> str:
        return f"{self.sku} ({self.name})"
