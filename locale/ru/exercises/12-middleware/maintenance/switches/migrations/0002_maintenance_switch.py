"""Начальные данные: переключатель `"maintenance"`, выключенный, чтобы сайт запускался открытым."""

from django.db import migrations


def add_switch(apps, schema_editor):
    Switch = apps.get_model("switches", "Switch")
    Switch.objects.get_or_create(name="maintenance", defaults={"on": False})


class Migration(migrations.Migration):
    dependencies = [
        ("switches", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_switch, migrations.RunPython.noop),
    ]
