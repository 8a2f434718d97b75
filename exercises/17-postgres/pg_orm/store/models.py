"""The store's models: items with a stock, and the reservations that took units out of it."""

from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=100, unique=True)
    stock = models.PositiveIntegerField(default=0)  # on PostgreSQL also a CHECK (stock >= 0) constraint

    def __str__(self):
        return self.name


class Reservation(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reservations")
    quantity = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)
