"""Книгу можно выдать одновременно только одному читателю; Loan записывает, у кого она."""

from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=200)
    times_borrowed = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.title


class Loan(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="loans")
    member = models.CharField(max_length=100)
    borrowed_at = models.DateTimeField(auto_now_add=True)
    returned = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.book} -> {self.member}"
