"""Настройки проекта whoami (урок 12): крошечный JSON API, который выполняет вход пользователей через
сессии и аутентификацию Django, причём полностью асинхронно.

Плоская структура: эта папка и есть проект, поэтому модуль настроек называется `settings`, а URLconf — `urls`.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-a-secret-whoami"  # для курса сойдёт; настоящий проект берёт его из окружения
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",  # нужно моделям auth
    "django.contrib.auth",  # пользователи, пароли, authenticate/login/logout
    "django.contrib.sessions",  # сессии, хранящиеся в базе
    "accounts",  # только миграция: демо-пользователь `ada`
]
MIDDLEWARE = [
    # Оба построены на MiddlewareMixin, поэтому умеют работать асинхронно: цепочке не нужен переход в поток.
    # SessionMiddleware кладёт в запрос `request.session`; AuthenticationMiddleware кладёт
    # `request.user` (ленивый объект) и `request.auser()` (корутинную функцию, Django 5.0+).
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Без CsrfViewMiddleware: это JSON API, который вы пробуете через curl. Сайт с HTML-формами его оставляет.
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
