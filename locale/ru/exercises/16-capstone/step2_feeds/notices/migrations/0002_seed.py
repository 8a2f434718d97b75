"""Начальные данные, чтобы `tutor run` было что показать. (Проверки создают свои данные сами.)"""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

NOTICES = [
    ("Welcome to the board", "Post a notice with the form or with curl; everyone watching sees it live."),
    ("Coffee machine fixed", "The second floor machine works again."),
    ("Fire drill on Thursday", "At 10:00. Leave by the nearest stairs, not the lift."),
]


def seed(apps, schema_editor):
    Notice = apps.get_model("notices", "Notice")
    now = timezone.now()
    for age, (title, body) in enumerate(NOTICES):
        Notice.objects.create(title=title, body=body, created=now - timedelta(minutes=age))


def unseed(apps, schema_editor):
    apps.get_model("notices", "Notice").objects.filter(source="local").delete()


class Migration(migrations.Migration):
    dependencies = [("notices", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
