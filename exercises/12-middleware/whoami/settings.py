"""Settings of the whoami project (lesson 12): a tiny JSON API that logs users in with Django's
sessions and auth, all of it async.

A flat layout: this folder is the project, so the settings module is `settings` and the URLconf `urls`.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "course-only-not-a-secret-whoami"  # fine for a course; a real project reads it from the environment
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",  # needed by auth's models
    "django.contrib.auth",  # users, passwords, authenticate/login/logout
    "django.contrib.sessions",  # sessions stored in the database
    "accounts",  # only a migration: the demo user `ada`
]
MIDDLEWARE = [
    # Both are built on MiddlewareMixin, so they are async-capable: no thread hop for the chain.
    # SessionMiddleware puts `request.session` on the request; AuthenticationMiddleware puts
    # `request.user` (a lazy object) and `request.auser()` (a coroutine function, Django 5.0+).
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # No CsrfViewMiddleware: this is a JSON API you try with curl. A site with HTML forms keeps it.
]

ROOT_URLCONF = "urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
