"""Начальные данные, чтобы `tutor run` было что показать. (Проверки создают собственные данные.)"""

from decimal import Decimal

from django.db import migrations

BOOKS = {
    "Jane Austen": [("Pride and Prejudice", "9.50", 12), ("Emma", "8.90", 4), ("Persuasion", "7.50", 0)],
    "Herman Melville": [("Moby-Dick; or, The Whale", "12.00", 3)],
    "George Eliot": [("Middlemarch", "14.20", 5), ("Silas Marner", "6.80", 2)],
    "Mary Shelley": [("Frankenstein", "7.90", 8)],
    "H. G. Wells": [("The Time Machine", "5.60", 10), ("The War of the Worlds", "6.40", 6)],
    "Charles Dickens": [("Great Expectations", "10.30", 7), ("Bleak House", "13.70", 1)],
}


def seed(apps, schema_editor):
    Author = apps.get_model("shop", "Author")
    Book = apps.get_model("shop", "Book")
    for name, books in BOOKS.items():
        author = Author.objects.create(name=name)
        for title, price, stock in books:
            Book.objects.create(author=author, title=title, price=Decimal(price), stock=stock)


def unseed(apps, schema_editor):
    apps.get_model("shop", "Author").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
