"""Настройки проекта maintenance (урок 12): страница магазина, одно приложение с моделью (`switches`)
и ваш middleware, который стоит за CommonMiddleware из Django.

Плоская структура: эта папка и есть проект, поэтому модуль настроек называется `settings`, а URLconf — `urls`.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-a-secret-maintenance"  # для курса сойдёт; настоящий проект берёт его из окружения
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["switches"]  # модель Switch: именованные флаги вкл/выкл, хранящиеся в базе
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",  # умеет работать асинхронно (MiddlewareMixin)
    "middleware.MaintenanceMiddleware",  # ваш, в middleware.py
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
# цепочки middleware ему пришлось адаптировать обработчик между синхронным и асинхронным режимом: выводим
# эти строки в консоль сервера, чтобы `tutor run` показывал, когда из-за middleware появляется переход в поток.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "DEBUG"}},
}
