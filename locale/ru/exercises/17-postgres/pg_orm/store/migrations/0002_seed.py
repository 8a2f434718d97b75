"""Начальные данные, чтобы в `tutor run` было что резервировать. (Проверки создают свои данные сами.)"""

from django.db import migrations

ITEMS = [("Concert ticket", 5), ("Festival pass", 2), ("Backstage tour", 0), ("Poster", 40)]


def seed(apps, schema_editor):
    Item = apps.get_model("store", "Item")
    for name, stock in ITEMS:
        Item.objects.create(name=name, stock=stock)


def unseed(apps, schema_editor):
    apps.get_model("store", "Item").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("store", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
