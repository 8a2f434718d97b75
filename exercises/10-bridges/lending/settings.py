"""Settings of the lending project (lesson 10): a small library app and one async view.

A flat layout: this folder is the project, so the settings module is `settings` and the URLconf `urls`.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-a-secret-lending"  # fine for a course; a real project reads it from the environment
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["library"]
# A small JSON API called by other programs: no sessions or cookies, so no CSRF middleware either
# (a site with forms and logins keeps django.middleware.csrf.CsrfViewMiddleware).
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
