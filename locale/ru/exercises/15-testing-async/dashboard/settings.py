"""Настройки небольшого Django-проекта этого упражнения (плоская структура: всё лежит в этой папке).

Запускайте его через `tutor run` (uvicorn, `asgi:application`). Ни одно представление не обращается
к базе данных. `python manage.py test` запускает ваш tests.py.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-key-never-use-in-production"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = []  # моделей нет: представления обращаются к внешнему API и отдают стрим событий
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
