"""Начальные данные: четыре товара пока без цены, чтобы команде было чем заняться."""

from django.db import migrations

PRODUCTS = [("BOOK-1", "Notebook"), ("LAMP-2", "Desk lamp"), ("MUG-3", "Mug"), ("PEN-4", "Pen")]


def add_products(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    Product.objects.bulk_create(Product(sku=sku, name=name) for sku, name in PRODUCTS)


def remove_products(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    Product.objects.filter(sku__in=[sku for sku, _ in PRODUCTS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_products, remove_products),
    ]
