"""Настройки проекта geo_lookup (урок 10): одно асинхронное представление и никаких моделей.

Плоская структура: эта папка и есть проект, поэтому модуль настроек — `settings`, а URLconf — `urls`.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-a-secret-geo-lookup"  # для курса сойдёт; настоящий проект берёт его из окружения
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS: list[str] = []  # ни моделей, ни админки: представление лишь вызывает библиотеку
MIDDLEWARE: list[str] = []  # JSON-эндпоинту без сессий, форм и cookie middleware не нужны

ROOT_URLCONF = "urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
