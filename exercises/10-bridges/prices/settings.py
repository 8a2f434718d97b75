"""Settings of the prices project (lesson 10): a catalog app, a management command and one async view.

A flat layout: this folder is the project, so the settings module is `settings` and the URLconf `urls`.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-a-secret-prices"  # fine for a course; a real project reads it from the environment
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["catalog"]  # an app must be installed for manage.py to find its commands
# One read-only JSON page: no sessions, cookies or forms, so no middleware is needed.
MIDDLEWARE: list[str] = []

ROOT_URLCONF = "urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
