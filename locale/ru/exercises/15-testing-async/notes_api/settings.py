"""Настройки небольшого Django-проекта этого упражнения (плоская структура: всё лежит в этой папке).

Запускайте его через `tutor run` (uvicorn, `asgi:application`); `python manage.py migrate` создаёт
db.sqlite3. `python manage.py test` запускает ваш tests.py на собственной тестовой базе (SQLite в памяти).
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-key-never-use-in-production"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["notes"]  # модель Note; больше здесь ничего не нужно
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
