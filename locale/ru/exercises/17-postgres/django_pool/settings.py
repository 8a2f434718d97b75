# Дайте этому проекту пул соединений psycopg 3 (Django 5.1+): в DATABASES["default"] добавьте
# "OPTIONS": {"pool": {"min_size": 2, "max_size": 4}}, чтобы весь серверный процесс никогда не держал
# больше четырёх соединений с PostgreSQL, сколько бы ни пришло запросов. Пулу нужен CONN_MAX_AGE = 0:
# под ASGI постоянные соединения утекают (поток каждого запроса выбрасывается вместе с его соединением).
# `tutor run` поднимает одноразовый PostgreSQL; `curl {url}report/` выполняет запрос на 0,2 с.
# Урок 17: PostgreSQL, настоящий асинхронный драйвер (необязательная часть) (`tutor lesson 17`)

"""Настройки небольшого Django-проекта этого упражнения (плоская структура: всё лежит в этой папке).

База данных — PostgreSQL: её адрес берётся из переменных libpq PGHOST, PGPORT, PGUSER и PGDATABASE,
которые `tutor run` и `tutor check` задают для своего одноразового сервера.
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
        # TODO: пула пока нет, а соединения держатся 10 минут: под ASGI каждый запрос оставляет одно после себя.
        "CONN_MAX_AGE": 600,
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
