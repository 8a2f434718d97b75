"""Настройки проекта `hello_async`: проект Django меньше не бывает.

Ни приложений, ни middleware: весь проект — одно асинхронное представление перед медленным
внешним сервисом. Запускайте его командой `tutor run` (uvicorn обслуживает `asgi:application`).
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
