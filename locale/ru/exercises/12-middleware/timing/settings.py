"""Настройки проекта timing (урок 12): два представления и ваш middleware, без моделей.

Плоская структура: эта папка и есть проект, поэтому модуль настроек называется `settings`, а URLconf — `urls`.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-a-secret-timing"  # для курса сойдёт; настоящий проект берёт его из окружения
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS: list[str] = []  # ни моделей, ни админки
MIDDLEWARE = [
    "middleware.timing_middleware",  # ваш, в middleware.py
]

ROOT_URLCONF = "urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# При DEBUG = True Django пишет в `django.request` (на уровне DEBUG) о каждом месте, где при построении
# цепочки middleware ему пришлось адаптировать обработчик между синхронным и асинхронным режимом. Выводим
# эти строки в консоль сервера, чтобы `tutor run` показывал, когда из-за вашего middleware появляется переход в поток.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "DEBUG"}},
}
