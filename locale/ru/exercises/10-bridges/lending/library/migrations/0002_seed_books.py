"""Начальные данные: несколько книг, чтобы в `tutor run` было что выдавать."""

from django.db import migrations

TITLES = ["Dune", "The Left Hand of Darkness", "Kindred"]


def add_books(apps, schema_editor):
    Book = apps.get_model("library", "Book")
    Book.objects.bulk_create(Book(title=title) for title in TITLES)


def remove_books(apps, schema_editor):
    Book = apps.get_model("library", "Book")
    Book.objects.filter(title__in=TITLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_books, remove_books),
    ]
