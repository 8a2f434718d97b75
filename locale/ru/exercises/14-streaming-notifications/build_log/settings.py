"""Настройки небольшого Django-проекта этого упражнения (плоская структура: всё лежит в этой папке).

Запускайте его через `tutor run` (uvicorn, `asgi:application`). Моделей нет: лог сборки берётся из
buildlog.py, поэтому ни одно приложение не установлено, но настройку базы данных Django всё равно требует.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-key-never-use-in-production"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = []
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
