"""Settings of the geo_lookup project (lesson 10): one async view and no models.

A flat layout: this folder is the project, so the settings module is `settings` and the URLconf `urls`.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-a-secret-geo-lookup"  # fine for a course; a real project reads it from the environment
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS: list[str] = []  # no models, no admin: the view only calls a library
MIDDLEWARE: list[str] = []  # a JSON endpoint without sessions, forms or cookies needs none

ROOT_URLCONF = "urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
