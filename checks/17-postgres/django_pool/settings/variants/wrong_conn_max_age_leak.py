# expect: left behind
# expect-ru: оставил после себя одно
# Give this project a psycopg 3 connection pool (Django 5.1+): in DATABASES["default"], add
# "OPTIONS": {"pool": {"min_size": 2, "max_size": 4}} so the whole server process never holds more than
# four connections to PostgreSQL, whatever the number of requests. A pool needs CONN_MAX_AGE = 0:
# persistent connections leak under ASGI (each request's thread is thrown away with its connection).
# `tutor run` starts a throwaway PostgreSQL; `curl {url}report/` runs a 0.2 s query.
# Lesson 17: PostgreSQL, a real async driver (optional track) (`tutor lesson 17`)

"""Settings of this exercise's small Django project (a flat layout: everything sits in this folder).

The database is PostgreSQL: its address comes from libpq's variables PGHOST, PGPORT, PGUSER and PGDATABASE,
which `tutor run` and `tutor check` set for their throwaway server.
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
        "CONN_MAX_AGE": 600,
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
