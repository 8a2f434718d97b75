"""Настройки проекта `notes_api`: небольшой JSON API, один класс-представление.

Ни приложений, ни таблиц в базе: заметки живут в `store.py`. CSRF-middleware тоже нет: этот API
не принимает cookie, так что нет и сессии, которой мог бы воспользоваться поддельный запрос.
Запускайте его командой `tutor run` (uvicorn обслуживает `asgi:application`).
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-secret"  # для учебного курса сойдёт; в продакшене берите его из окружения
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS: list[str] = []
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]  # умеет работать асинхронно, как и все middleware самого Django

ROOT_URLCONF = "urls"

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
