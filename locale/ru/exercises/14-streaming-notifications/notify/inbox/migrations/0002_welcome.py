"""Начальные данные: одно уведомление, чтобы после `migrate` входящие не были пустыми. (Проверки создают свои.)"""

from django.db import migrations


def welcome(apps, schema_editor):
    apps.get_model("inbox", "Notification").objects.create(text="Welcome to your inbox")


class Migration(migrations.Migration):
    dependencies = [("inbox", "0001_initial")]

    operations = [migrations.RunPython(welcome, migrations.RunPython.noop)]
