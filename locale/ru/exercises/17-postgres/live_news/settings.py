"""Настройки небольшого Django-проекта этого упражнения (плоская структура: всё лежит в этой папке).

База данных — PostgreSQL: её адрес берётся из переменных libpq PGHOST, PGPORT, PGUSER и PGDATABASE,
которые `tutor run` и `tutor check` задают для своего одноразового сервера. Соединение asyncpg в
listener.py читает те же переменные. Моделей нет: события приходят от NOTIFY в PostgreSQL.
"""

import os
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
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("PGDATABASE", "postgres"),
        "HOST": os.environ.get("PGHOST", "127.0.0.1"),
        "PORT": os.environ.get("PGPORT", "5432"),
        "USER": os.environ.get("PGUSER", "postgres"),
        "PASSWORD": os.environ.get("PGPASSWORD", ""),
        "CONN_MAX_AGE": 0,  # соединения хранит пул (урок 17, упражнение 3)
        "OPTIONS": {"pool": {"min_size": 1, "max_size": 4}},
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
