"""Настройки проекта lending (урок 10): небольшое приложение library и одно асинхронное представление.

Плоская структура: эта папка и есть проект, поэтому модуль настроек — `settings`, а URLconf — `urls`.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-a-secret-lending"  # для курса сойдёт; настоящий проект берёт его из окружения
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["library"]
# Небольшой JSON API, который вызывают другие программы: ни сессий, ни cookie, а значит, и CSRF-middleware
# не нужен (сайт с формами и входом в систему оставляет django.middleware.csrf.CsrfViewMiddleware).
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
