"""Модели магазина: товары с остатком на складе и резервирования, которые списали из него единицы."""

from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=100, unique=True)
    stock = models.PositiveIntegerField(default=0)  # на PostgreSQL это ещё и ограничение CHECK (stock >= 0)

    def __str__(self):
        return self.name


class Reservation(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reservations")
    quantity = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)
