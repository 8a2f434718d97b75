"""Settings of this exercise's small Django project (a flat layout: everything sits in this folder).

The database is PostgreSQL: its address comes from libpq's variables PGHOST, PGPORT, PGUSER and PGDATABASE,
which `tutor run` and `tutor check` set for their throwaway server. `tutor run` migrates it first (the
second migration adds a few items to reserve).
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-key-never-use-in-production"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["store"]  # the items and their reservations
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
        "CONN_MAX_AGE": 0,  # the pool keeps connections (lesson 17, exercise 3)
        "OPTIONS": {"pool": {"min_size": 2, "max_size": 4}},
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
