"""Начальные данные: демо-пользователь `ada` с паролем `analytical-engine`, чтобы в `tutor run` было кому войти.

Пароль хранится уже захешированным (хешером PBKDF2 из Django), как его сохранил бы `make_password`,
поэтому миграция выполняется быстро.
"""

from django.db import migrations

ADA_PASSWORD = "pbkdf2_sha256$1000000$7kU1VRAedZlb4SQz5lfJcL$yNGgbTdhnmHdAvyQmI/XpQpXEUQhgK0Yhxda7bgwFmo="


def add_ada(apps, schema_editor):
    User = apps.get_model("auth", "User")
    User.objects.get_or_create(username="ada", defaults={"password": ADA_PASSWORD, "first_name": "Ada"})


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(add_ada, migrations.RunPython.noop),
    ]
