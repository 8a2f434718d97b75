"""Настройки проекта `whoami`: два представления, которые сообщают, как их обслужили.

Ни приложений, ни middleware. Запускайте командой `tutor run` (uvicorn обслуживает
`asgi:application`) или `tutor run --server daphne`; `python manage.py runserver` обслуживает те же
представления по WSGI.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-secret"  # для учебного курса сойдёт; в продакшене берите его из окружения
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []

ROOT_URLCONF = "urls"

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
