"""Настройки проекта prices (урок 10): приложение catalog, команда управления и одно асинхронное представление.

Плоская структура: эта папка и есть проект, поэтому модуль настроек — `settings`, а URLconf — `urls`.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-a-secret-prices"  # для курса сойдёт; настоящий проект берёт его из окружения
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["catalog"]  # приложение должно быть установлено, чтобы manage.py нашёл его команды
# Одна JSON-страница только для чтения: ни сессий, ни cookie, ни форм, так что middleware не нужны.
MIDDLEWARE: list[str] = []

ROOT_URLCONF = "urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
