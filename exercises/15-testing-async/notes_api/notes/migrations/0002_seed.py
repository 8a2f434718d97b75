"""Seed data, so that `tutor run` has notes to show. It also lands in the test database: migrations
run there too, so your tests start with these three notes (they are older than any note a test makes)."""

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
