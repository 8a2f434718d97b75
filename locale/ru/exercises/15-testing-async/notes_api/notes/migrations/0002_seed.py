"""Начальные данные, чтобы `tutor run` было что показать. Они попадают и в тестовую базу: миграции
выполняются и там, так что ваши тесты начинают с этими тремя заметками (они старше любой заметки,
которую создаст тест)."""

from django.db import migrations

NOTES = [
    ("Read lesson 15", "Testing async Django"),
    ("Buy coffee", ""),
    ("Write the tests", "async def test_..."),
]


def seed(apps, schema_editor):
    Note = apps.get_model("notes", "Note")
    for title, body in NOTES:
        Note.objects.create(title=title, body=body)


def unseed(apps, schema_editor):
    apps.get_model("notes", "Note").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("notes", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
